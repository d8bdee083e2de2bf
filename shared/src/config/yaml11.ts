// Scalars as gopkg.in/yaml.v2 (the registry's YAML library) resolves them: YAML 1.1
// booleans (y/yes/on/n/no/off...), Go integer syntax (0123 is octal, 0x, 0o, 0b, `_`),
// floats, nulls, timestamps. Quoted and block scalars are always strings.
import type { YScalar } from './yaml-tree';

export type Resolved =
  | { tag: 'null' }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: number }
  | { tag: 'float'; value: number }
  | { tag: 'timestamp'; value: string }
  | { tag: 'str'; value: string };

const MAP: Record<string, Resolved> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) MAP[s] = { tag: 'bool', value: true };
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) MAP[s] = { tag: 'bool', value: false };
for (const s of ['', '~', 'null', 'Null', 'NULL']) MAP[s] = { tag: 'null' };
for (const s of ['.nan', '.NaN', '.NAN']) MAP[s] = { tag: 'float', value: NaN };
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) MAP[s] = { tag: 'float', value: Infinity };
for (const s of ['-.inf', '-.Inf', '-.INF']) MAP[s] = { tag: 'float', value: -Infinity };

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2}))|(?: \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,9})?))?$/;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const UINT64_MAX = 18446744073709551615n;

/** Go's strconv.ParseInt/ParseUint with base 0, as a bigint (undefined when invalid). */
export function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2];
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt('0o' + body.slice(2));
  else if (/^0[xXbB]/.test(body)) v = BigInt(body.toLowerCase());
  else if (body.length > 1 && body[0] === '0') v = BigInt('0o' + body.slice(1));
  else v = BigInt(body || '0');
  if (m[1] === '-') v = -v;
  body = '';
  return v;
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1];
}

/** Resolve plain text the way yaml.v2's resolve("", in) does. */
export function resolvePlain(text: string): Resolved {
  const c = text.charAt(0);
  const hinted = text === '' || '+-0123456789yYnNtTfFoO~.'.includes(c);
  if (!hinted) return { tag: 'str', value: text };
  const mapped = MAP[text];
  if (mapped) return mapped;
  if (c === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) return { tag: 'float', value: Number(text) };
    return { tag: 'str', value: text };
  }
  if ('+-0123456789'.includes(c)) {
    const ts = TIMESTAMP.exec(text);
    if (ts && validDate(+ts[1], +ts[2], +ts[3])) return { tag: 'timestamp', value: text };
    const plain = text.replace(/_/g, '');
    const i = parseGoInt(plain);
    if (i !== undefined && i >= INT64_MIN && i <= UINT64_MAX) return { tag: 'int', value: Number(i) };
    if (YAML_FLOAT.test(plain)) return { tag: 'float', value: Number(plain) };
  }
  return { tag: 'str', value: text };
}

/** yaml.v2's view of a scalar node (explicit !!tags honoured; other tags read as strings). */
export function resolveScalar(node: YScalar): Resolved {
  const tag = node.tag;
  if (tag && tag !== '!') {
    const t = tag.replace(/^tag:yaml\.org,2002:/, '!!');
    if (t === '!!str' || t === '!!binary') return { tag: 'str', value: node.value };
    if (t === '!!null' || t === '!!bool' || t === '!!int' || t === '!!float' || t === '!!timestamp') {
      const r = resolvePlain(node.value);
      return r;
    }
    return { tag: 'str', value: node.value };
  }
  if (node.style !== 1 || tag === '!') return { tag: 'str', value: node.value };
  return resolvePlain(node.value);
}

export function isInt64(v: number): boolean {
  return Number.isInteger(v) && BigInt(v) <= INT64_MAX && BigInt(v) >= INT64_MIN;
}

/** Go's time.ParseDuration: true when `s` is a valid duration string. */
export function isGoDuration(s: string): boolean {
  if (s === '0' || s === '+0' || s === '-0') return true;
  return /^[-+]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+$/.test(s);
}

/** yaml.v2 `resolved` value as a JS value (for the effective configuration). */
export function resolvedValue(r: Resolved): unknown {
  switch (r.tag) {
    case 'null':
      return null;
    case 'str':
    case 'timestamp':
      return r.value;
    default:
      return r.value;
  }
}
