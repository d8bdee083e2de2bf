// 10,000+ random and truncated YAML inputs (fixed seed): lintConfig, getHoverDoc and
// getCompletions never throw and never fail internally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig, getCompletions, getHoverDoc } from './index';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLE = `version: 0.1
log:
  level: debug
  hooks:
    - type: mail
      options: {smtp: {addr: "a:25"}, to: [x@y]}
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  delete: {enabled: yes}
  maintenance:
    uploadpurging: {enabled: true, age: 168h, interval: 24h, dryrun: false}
auth:
  htpasswd: &h
    realm: r
    path: /p
http:
  addr: :5000
  headers:
    X-A: [b]
  tls:
    certificate: /c
    key: /k
    ciphersuites: [TLS_AES_128_GCM_SHA256]
middleware:
  storage:
    - name: redirect
      options: *h
notifications:
  endpoints:
    - name: n
      url: http://x
      timeout: 500
`;
const TOKENS = [
  '\n',
  ' ',
  '  ',
  ':',
  ': ',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '&a',
  '*a',
  '!!str',
  '|',
  '>',
  '?',
  '---',
  '...',
  '\t',
  'storage',
  'filesystem',
  'version',
  '0.1',
  'yes',
  '~',
  'http',
  'tls',
  'auth',
  'silly',
  '<<',
  '%YAML 1.1',
  '\r\n',
  'é',
  '\u0000',
  '@',
  '`',
];

test('fuzz: 10,000 random and truncated inputs never throw', () => {
  const r = rng(0xd0c4);
  let n = 0;
  const check = (text: string) => {
    n++;
    const target = (['2.8', '3', 'auto'] as const)[n % 3];
    const res = lintConfig(text, { target, env: n % 7 === 0 ? { REGISTRY_STORAGE_S3_REGION: 'x', REGISTRY_HTTP: '{addr: 1}' } : undefined });
    assert.ok(Array.isArray(res.diagnostics));
    const internal = res.diagnostics.find((d) => d.code === 'internal-error');
    assert.equal(internal, undefined, `internal error on ${JSON.stringify(text)}: ${internal?.message}`);
    for (const d of res.diagnostics)
      assert.ok(d.range.start.offset <= d.range.end.offset && d.range.end.offset <= text.length, `range inside the text: ${JSON.stringify(text)}`);
    if (n % 5 === 0) {
      const off = Math.floor(r() * (text.length + 1));
      getHoverDoc(text, off, target);
      getCompletions(text, off, target);
    }
  };
  for (let i = 0; i <= SAMPLE.length; i += 1) check(SAMPLE.slice(0, i));
  for (let i = 0; i < 4000; i++) {
    const len = Math.floor(r() * 60);
    let s = '';
    for (let j = 0; j < len; j++) s += TOKENS[Math.floor(r() * TOKENS.length)];
    check(s);
  }
  while (n < 10_000) {
    const a = Math.floor(r() * SAMPLE.length);
    const b = Math.min(SAMPLE.length, a + Math.floor(r() * 40));
    const ins = TOKENS[Math.floor(r() * TOKENS.length)];
    check(SAMPLE.slice(0, a) + ins + SAMPLE.slice(b));
  }
  assert.ok(n >= 10_000);
});
