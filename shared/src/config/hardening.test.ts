// Regression tests for the linter's hardening (issue 14, items 17-20): bounded work and
// output on hostile files, internal errors that say so, and encodings decided as the
// registry's YAML reader (gopkg.in/yaml.v2) decides them. Expected registry behaviour was
// seen with Debian's docker-registry 2.8.2 (see the differential corpus for the same cases).
// No timing assertions: sizes, counts and message lengths instead (a quadratic linter
// either runs out of the test's time or fails these bounds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from './index';
import { decodeConfigBytes } from './source-text';
import { didYouMean } from './did-you-mean';
import { MAX_DIAGNOSTICS_PER_SEVERITY, MAX_LINT_CHARS } from './limits';
import { lintExitCode } from '../cli/commands/lint';

const HEAD = 'version: 0.1\nhttp:\n  addr: :5000\n  secret: s\n';
const GOOD = `${HEAD}storage:\n  filesystem:\n    rootdirectory: /r\n`;

function codes(text: string | Uint8Array, target: '2.8' | '3' = '2.8') {
  return lintConfig(text, { target }).diagnostics;
}
function noInternal(ds: { code: string; message: string }[]) {
  const bad = ds.find((d) => d.code === 'internal-error');
  assert.equal(bad, undefined, bad?.message);
}
function bounded(ds: { message: string }[]) {
  assert.ok(ds.length <= 3 * MAX_DIAGNOSTICS_PER_SEVERITY + 1, `${ds.length} diagnostics`);
  const longest = Math.max(...ds.map((d) => d.message.length));
  assert.ok(longest < 2100, `a message of ${longest} characters`);
}

test('5,000 storage drivers: capped diagnostics, each message with a short list of names (issue 14.17)', () => {
  let s = `${HEAD}storage:\n`;
  for (let i = 0; i < 5000; i++) s += `  drv${i}:\n    k: v\n`;
  const ds = codes(s);
  noInternal(ds);
  bounded(ds);
  const count = ds.filter((d) => d.code === 'storage-driver-count');
  assert.equal(count.length, MAX_DIAGNOSTICS_PER_SEVERITY);
  assert.match(count[0].message, /and 4992 more/);
  const more = ds.find((d) => d.code === 'lint-truncated');
  assert.ok(more && more.severity === 'error' && /4499 more problems/.test(more.message), more?.message);
});

test('20,000 unknown s3 keys: the unknown-key warnings are capped with a closing count (issue 14.17)', () => {
  let s = `${HEAD}storage:\n  s3:\n    region: us-east-1\n    bucket: b\n`;
  for (let i = 0; i < 20000; i++) s += `    key${i}: v\n`;
  const ds = codes(s);
  noInternal(ds);
  bounded(ds);
  assert.equal(ds.filter((d) => d.code === 'unknown-key').length, MAX_DIAGNOSTICS_PER_SEVERITY);
  assert.match(ds.find((d) => d.code === 'lint-truncated')!.message, /19500 more problems not shown \(19500 warnings\)/);
});

test('a 1 MB file of unknown keys lints with bounded output (its time is in the benchmark, issue 14.17)', () => {
  let s = GOOD;
  for (let i = 0; s.length < 1 << 20; i++) s += `unknownkey${i}: value\n`;
  const ds = codes(s);
  noInternal(ds);
  bounded(ds);
});

test('a long key: no "did you mean" work, and its children\'s messages do not repeat it (issue 14.18)', () => {
  assert.equal(didYouMean('k'.repeat(5_000_000), ['level', 'formatter']), undefined);
  let s = `${HEAD}storage:\n  inmemory:\n  s3:\n    ${'p'.repeat(200_000)}:\n`;
  for (let i = 0; i < 3000; i++) s += `      c${i}: 1\n`;
  s += `log:\n  ${'q'.repeat(300_000)}: 1\n`;
  const ds = codes(s);
  noInternal(ds);
  bounded(ds);
  assert.ok(ds.some((d) => d.code === 'unknown-key'));
});

test('a file over the size cap is refused with one clear error, not parsed (issue 14.18)', () => {
  const s = `${GOOD}log:\n${'  level: info\n'.repeat(Math.ceil(MAX_LINT_CHARS / 14) + 10)}`;
  const ds = codes(s);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].code, 'lint-too-large');
  assert.equal(ds[0].severity, 'error');
  assert.match(ds[0].message, /up to 4 MiB/);
  assert.equal(codes(new TextEncoder().encode(s + s))[0].code, 'lint-too-large');
});

test('200,000 unknown aliases are errors (the registry refuses them), not an internal error (issue 14.19)', () => {
  let s = `${GOOD}proxy:\n  remoteurl: *nope0\n  x:\n`;
  for (let i = 0; i < 200_000; i++) s += `    - *a${i}\n`;
  const ds = codes(s);
  noInternal(ds);
  bounded(ds);
  const anchors = ds.filter((d) => d.code === 'unknown-anchor');
  assert.ok(anchors.length > 0 && anchors.every((d) => d.severity === 'error'));
  assert.match(anchors[0].message, /Unknown anchor 'nope0'/);
});

test('(fake hostile env object) a failure inside the linter is an internal-error with severity error; the CLI exits 2 (issue 14.19)', () => {
  const env = new Proxy({ REGISTRY_LOG_LEVEL: 'debug' } as Record<string, string>, {
    get() {
      throw new Error('boom from a fake');
    },
  });
  const r = lintConfig(GOOD, { target: '2.8', env });
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0].code, 'internal-error');
  assert.equal(r.diagnostics[0].severity, 'error');
  assert.match(r.diagnostics[0].message, /Internal error in Dockhand's linter .*boom from a fake/);
  assert.equal(lintExitCode([{ result: r }]), 2);
  assert.equal(lintExitCode([{ result: lintConfig(GOOD, { target: '2.8' }) }]), 0);
  assert.equal(lintExitCode([{ result: lintConfig(`${GOOD}log:\n  level: loud\n`, { target: '2.8' }) }]), 1);
});

test('aliases of aliases (a billion laughs) are walked once; an anchor inside itself is an error (issue 14.19)', () => {
  let s = `${GOOD}x: &a0 {X: [a]}\n`;
  for (let i = 1; i < 40; i++) s += `y${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}]\n`;
  s += 'notifications:\n  endpoints: *a39\n';
  noInternal(codes(s));
  const cyc = codes(`${HEAD}  headers: &h\n    X: *h\nstorage: inmemory\n`);
  assert.ok(
    cyc.some((d) => d.code === 'yaml-alias-cycle' && d.severity === 'error'),
    JSON.stringify(cyc),
  );
  const self = codes(`version: 0.1\nhttp: &h\n  secret: s\n  <<: *h\nstorage: inmemory\n`);
  assert.ok(
    self.some((d) => d.code === 'yaml-merge' && /contains itself/.test(d.message)),
    JSON.stringify(self),
  );
});

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc(p)] : p)));
function errorsOf(input: string | Uint8Array) {
  return codes(input).filter((d) => d.severity === 'error');
}

test('bytes the registry refuses: invalid UTF-8, UTF-8 surrogates, control characters, UTF-16 without BOM (issue 14.20)', () => {
  const latin1 = cat(GOOD, '# caf', [0xe9], '\n');
  const e1 = errorsOf(latin1);
  assert.equal(e1[0]?.code, 'yaml-encoding');
  assert.match(e1[0].message, /incomplete UTF-8 octet sequence/);
  assert.equal(e1[0].range.start.line, 7);
  const surrogate = cat(GOOD, '# ', [0xed, 0xa0, 0x80], '\n');
  assert.match(errorsOf(surrogate)[0]?.message ?? '', /invalid Unicode character/);
  assert.match(errorsOf(cat(GOOD, '# bell ', [7], '\n'))[0]?.message ?? '', /control characters are not allowed/);
  const u16nobom = new Uint8Array(Buffer.from(GOOD, 'utf16le'));
  assert.match(errorsOf(u16nobom)[0]?.message ?? '', /control characters are not allowed/);
  // The same refusals for text an editor holds (a lone surrogate cannot be saved as valid UTF-8).
  assert.match(errorsOf(`${GOOD}# \ud800\n`)[0]?.message ?? '', /invalid Unicode character/);
});

test('NEL is a line break to the registry: inside a value it breaks the mapping (issue 14.20)', () => {
  const e = errorsOf(`${HEAD.replace('secret: s', 'secret: a\u0085b')}storage: inmemory\n`);
  assert.equal(e[0]?.code, 'yaml-syntax', JSON.stringify(e));
  // ...and after a comment or a value end it is just a line break (accepted).
  assert.deepEqual(errorsOf(`version: 0.1\u0085${GOOD.slice('version: 0.1\n'.length)}`), []);
  assert.deepEqual(errorsOf(`# c\u0085\n${GOOD}`), []);
});

test('bytes the registry accepts: UTF-16LE/BE with BOM, a UTF-8 BOM (issue 14.20)', () => {
  const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(GOOD, 'utf16le')]);
  const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(GOOD, 'utf16le').swap16()]);
  for (const b of [le, be, cat([0xef, 0xbb, 0xbf], GOOD)]) assert.deepEqual(codes(b), []);
  assert.equal(decodeConfigBytes(be).encoding, 'utf-16be');
  assert.equal(decodeConfigBytes(le).text, GOOD);
  const odd = new Uint8Array([0xff, 0xfe, ...Buffer.from('version: 0.1\n', 'utf16le'), 0x41]);
  assert.match(errorsOf(odd)[0]?.message ?? '', /incomplete UTF-16 character/);
});

test('<< merge keys are applied as yaml.v2 applies them (issue 14.20)', () => {
  const merged = `version: 0.1\nx: &a {addr: ":5000", secret: s}\nhttp:\n  <<: *a\nstorage: inmemory\n`;
  assert.deepEqual(
    codes(merged).filter((d) => d.severity !== 'warning' || d.code !== 'unknown-key'),
    [],
  );
  // yaml.v2 decodes every value, also one a later key overrides: a merged bad value stops the
  // registry (seen: "unmarshal errors"), and the explicit key after it is no duplicate.
  const bad = codes(`version: 0.1\nx: &a {secret: s, draintimeout: zz}\nhttp:\n  <<: *a\n  draintimeout: 5s\nstorage: inmemory\n`);
  assert.ok(bad.some((d) => d.code === 'type-mismatch') && !bad.some((d) => d.code === 'duplicate-key'), JSON.stringify(bad));
  // In a list of maps the earlier one wins (yaml.v2 merges them last to first).
  const list = codes(`version: 0.1\nx: &a {secret: s, addr: ":5000"}\ny: &b {addr: nocolon}\nhttp:\n  <<: [*a, *b]\nstorage: inmemory\n`);
  assert.ok(!list.some((d) => d.code === 'http-addr'), JSON.stringify(list));
  const flipped = codes(`version: 0.1\nx: &a {secret: s, addr: ":5000"}\ny: &b {addr: nocolon}\nhttp:\n  <<: [*b, *a]\nstorage: inmemory\n`);
  assert.ok(
    flipped.some((d) => d.code === 'http-addr'),
    JSON.stringify(flipped),
  );
  const scalar = errorsOf(`version: 0.1\nx: &a [1]\nhttp:\n  <<: *a\n  secret: s\nstorage: inmemory\n`);
  assert.ok(
    scalar.some((d) => d.code === 'yaml-merge' && /map merge requires map/.test(d.message)),
    JSON.stringify(scalar),
  );
});

test('a chain of merges is cut at the merge budget with a warning, never expanded without bound', () => {
  let s = `${GOOD}x:\n  m0: &m0 {a0: 1}\n`;
  for (let i = 1; i < 2000; i++) s += `  m${i}: &m${i} {<<: *m${i - 1}, a${i}: 1}\n`;
  const ds = codes(s);
  noInternal(ds);
  assert.ok(ds.some((d) => d.code === 'yaml-merge' && d.severity === 'warning'));
});
