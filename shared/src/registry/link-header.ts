// RFC 8288 Link header: the rel="next" target used by catalog and tag paging.
//
// A link without any rel (`Link: </v2/app/tags/list?n=100&last=x>`, which go-containerregistry
// follows) is taken as the next page too, but only when no link says rel="next" and it points
// at the same endpoint as the page it came with (same path): otherwise the listing would stop
// early and silently. A rel-less link to anywhere else is not followed.

/** The URL of the rel="next" link (else a rel-less link to the same path as `base`), resolved against `base`, or undefined. */
export function nextLink(header: string | string[] | undefined, base: URL | string): URL | undefined {
  if (!header) return undefined;
  const values = Array.isArray(header) ? header : [header];
  let relless: URL | undefined;
  for (const value of values) {
    const re = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(value))) {
      const params = m[2] ?? '';
      if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(params)) {
        try {
          return new URL(m[1]!, base);
        } catch {
          return undefined;
        }
      }
      if (!relless && m[1] && !/;\s*rel\s*=/i.test(params)) relless = sameEndpoint(m[1], base);
    }
  }
  return relless;
}

/** `target` resolved against `base` when it names the same path (another page of the same listing). */
function sameEndpoint(target: string, base: URL | string): URL | undefined {
  try {
    const url = new URL(target, base);
    return url.pathname === new URL(base).pathname ? url : undefined;
  } catch {
    return undefined;
  }
}
