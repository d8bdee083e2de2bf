// The bytes of config.yml as the registry's YAML reader (gopkg.in/yaml.v2 readerc.go,
// the same in 2.8 and 3.x) turns them into characters: a UTF-16LE/BE BOM switches to
// UTF-16, a UTF-8 BOM is skipped, anything else is UTF-8. Invalid UTF-8, surrogates and
// control characters stop the registry ("yaml: invalid Unicode character", "yaml: control
// characters are not allowed"); NEL, LS and PS are line breaks to yaml.v2.

export interface SourceError {
  /** The registry's own words (without the `yaml: ` prefix). */
  message: string;
  /** Offset in `text` (UTF-16 code units) of the first bad character. */
  offset: number;
}

export interface SourceText {
  /** The characters (leniently decoded past an error, like an editor shows them; no BOM). */
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  bom: boolean;
  error?: SourceError;
}

/** Decode config bytes as yaml.v2 does; the first reader error (if any) is located in `text`. */
export function decodeConfigBytes(bytes: Uint8Array): SourceText {
  let encoding: SourceText['encoding'] = 'utf-8';
  let skip = 0;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    skip = 2;
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    skip = 2;
  } else if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) skip = 3;
  const body = bytes.subarray(skip);
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  const text = decoder.decode(body);
  const bad = encoding === 'utf-8' ? utf8Problem(body) : utf16Problem(body, encoding === 'utf-16le');
  const out: SourceText = { text, encoding, bom: skip > 0 };
  if (bad) {
    // Characters before the bad byte decode the same on their own (the cut is at a character start).
    const offset = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body.subarray(0, bad.byte)).length;
    out.error = { message: bad.message, offset };
    return out;
  }
  const ctl = characterProblem(text);
  if (ctl) out.error = ctl;
  return out;
}

/** Characters yaml.v2 refuses in already-decoded text (lone surrogates, control characters). */
export function characterProblem(text: string): SourceError | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x85) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return { message: 'invalid Unicode character', offset: i };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { message: 'invalid Unicode character', offset: i };
    if ((c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd)) continue;
    return { message: 'control characters are not allowed', offset: i };
  }
  return undefined;
}

/** Text for the YAML parser: yaml.v2 breaks lines at NEL, LS and PS (same length, same offsets). */
export function parserText(text: string): string {
  return /[\u0085\u2028\u2029]/.test(text) ? text.replace(/[\u0085\u2028\u2029]/g, '\n') : text;
}

function utf8Problem(b: Uint8Array): { message: string; byte: number } | undefined {
  for (let i = 0; i < b.length;) {
    const o = b[i];
    let width: number;
    let value: number;
    if ((o & 0x80) === 0) {
      i++;
      continue;
    }
    if ((o & 0xe0) === 0xc0) {
      width = 2;
      value = o & 0x1f;
    } else if ((o & 0xf0) === 0xe0) {
      width = 3;
      value = o & 0x0f;
    } else if ((o & 0xf8) === 0xf0) {
      width = 4;
      value = o & 0x07;
    } else return { message: 'invalid leading UTF-8 octet', byte: i };
    if (i + width > b.length) return { message: 'incomplete UTF-8 octet sequence', byte: i };
    for (let k = 1; k < width; k++) {
      const t = b[i + k];
      if ((t & 0xc0) !== 0x80) return { message: 'invalid trailing UTF-8 octet', byte: i };
      value = (value << 6) + (t & 0x3f);
    }
    if ((width === 2 && value < 0x80) || (width === 3 && value < 0x800) || (width === 4 && value < 0x10000))
      return { message: 'invalid length of a UTF-8 sequence', byte: i };
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return { message: 'invalid Unicode character', byte: i };
    i += width;
  }
  return undefined;
}

function utf16Problem(b: Uint8Array, le: boolean): { message: string; byte: number } | undefined {
  const unit = (i: number) => (le ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  for (let i = 0; i < b.length;) {
    if (i + 2 > b.length) return { message: 'incomplete UTF-16 character', byte: i };
    const v = unit(i);
    if ((v & 0xfc00) === 0xdc00) return { message: 'unexpected low surrogate area', byte: i };
    if ((v & 0xfc00) === 0xd800) {
      if (i + 4 > b.length) return { message: 'incomplete UTF-16 surrogate pair', byte: i };
      if ((unit(i + 2) & 0xfc00) !== 0xdc00) return { message: 'expected low surrogate area', byte: i };
      i += 4;
    } else i += 2;
  }
  return undefined;
}
