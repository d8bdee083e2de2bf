import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from './index';
import { parseEnvText } from './env-file';

const G = 'version: 0.1\nhttp:\n  addr: :5000\n  secret: s\nstorage:\n  filesystem:\n    rootdirectory: /r\n';
const codes = (env: Record<string, string>, text = G, target: '2.8' | '3' = '2.8') =>
  lintConfig(text, { target, env }).diagnostics.map((d) => `${d.severity}:${d.code}`);

test('an override that adds a second storage driver is an error naming the variable', () => {
  const r = lintConfig(G, { target: '2.8', env: { REGISTRY_STORAGE_S3_REGION: 'us-east-1' } });
  const d = r.diagnostics.find((x) => x.code === 'storage-driver-count');
  assert.ok(d);
  assert.match(d.message, /REGISTRY_STORAGE_S3_REGION/);
});

test('overrides are linted as part of the effective configuration', () => {
  assert.ok(codes({ REGISTRY_LOG_LEVEL: 'verbose' }).includes('error:invalid-loglevel'));
  assert.ok(!codes({ REGISTRY_LOG_LEVEL: 'debug' }).some((c) => c.startsWith('error')));
  assert.ok(codes({ REGISTRY_HTTP_SECRET: '' }, G).includes('warning:http-secret-missing'));
  assert.ok(!codes({ REGISTRY_HTTP_SECRET: 'x' }, G.replace('  secret: s\n', '')).includes('warning:http-secret-missing'));
  assert.ok(codes({ REGISTRY_HTTP_DRAINTIMEOUT: 'soon' }).includes('error:type-mismatch'));
  assert.ok(!codes({ REGISTRY_STORAGE: 'inmemory' }).some((c) => c.startsWith('error')), 'REGISTRY_STORAGE replaces the whole storage map');
  assert.ok(!codes({ REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY: '/elsewhere' }).some((c) => c.startsWith('error')));
});

test('overrides that address nothing are flagged; v2 cannot index lists', () => {
  assert.ok(codes({ REGISTRY_HTTP_SECRETT: 'x' }).includes('warning:env-unknown'));
  assert.match(
    lintConfig(G, { target: '2.8', env: { REGISTRY_HTTP_SECRETT: 'x' } }).diagnostics.find((d) => d.code === 'env-unknown')!.message,
    /did you mean REGISTRY_HTTP_SECRET\?/,
  );
  assert.ok(codes({ REGISTRY_http_secret: 'x' }).includes('warning:env-unknown'));
  const withList = G + 'notifications:\n  endpoints:\n    - name: a\n      url: http://x\n';
  assert.ok(codes({ REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL: 'http://y' }, withList).includes('warning:env-unknown'));
  assert.ok(!codes({ REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL: 'http://y' }, withList, '3').includes('warning:env-unknown'));
  assert.ok(
    codes({ OTHER_VAR: 'x' }).every((c) => c !== 'warning:env-unknown'),
    'non-REGISTRY variables are ignored',
  );
});

test('env files: .env lines and compose environment (list and map forms)', () => {
  assert.deepEqual(parseEnvText('# c\nREGISTRY_A=1\nexport REGISTRY_B="two"\n\nbad line\n'), { REGISTRY_A: '1', REGISTRY_B: 'two' });
  assert.deepEqual(parseEnvText('services:\n  r:\n    environment:\n      - REGISTRY_A=1\n  s:\n    environment:\n      REGISTRY_B: 2\n', 'compose.yml'), {
    REGISTRY_A: '1',
    REGISTRY_B: '2',
  });
});
