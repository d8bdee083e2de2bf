// RFC 8288 Link header: the rel="next" target used by catalog and tag paging.

/** The URL of the rel="next" link, resolved against `base`, or undefined. */
export function nextLink(header: string | string[] | undefined, base: URL | string): URL | undefined {
  if (!header) return undefined;
  const values = Array.isArray(header) ? header : [header];
  for (const value of values) {
    const re = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(value))) {
      const params = m[2] ?? '';
      if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(params)) {
        try { return new URL(m[1]!, base); } catch { return undefined; }
      }
    }
  }
  return undefined;
}
