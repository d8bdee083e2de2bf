import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isListedInsecure, resolveTls } from './tls';

test('configured insecure registries: host, host:port, CIDR', () => {
  const list = ['registry.lan', 'other.lan:5000', '10.1.0.0/16', 'http://legacy.lan/'];
  assert.equal(isListedInsecure('registry.lan:5000', list), true);
  assert.equal(isListedInsecure('other.lan:5000', list), true);
  assert.equal(isListedInsecure('other.lan:6000', list), false);
  assert.equal(isListedInsecure('10.1.200.3:5000', list), true);
  assert.equal(isListedInsecure('10.2.0.1:5000', list), false);
  assert.equal(isListedInsecure('legacy.lan', list), true);
  assert.equal(isListedInsecure('registry.lan', []), false);
});

test('certs.d: *.crt files are CAs, a .cert/.key pair is the client certificate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-certsd-'));
  try {
    const host = '127.0.0.1:5000';
    mkdirSync(join(dir, host));
    writeFileSync(join(dir, host, 'ca.crt'), 'CA-PEM');
    writeFileSync(join(dir, host, 'client.cert'), 'CERT-PEM');
    writeFileSync(join(dir, host, 'client.key'), 'KEY-PEM');
    writeFileSync(join(dir, host, 'orphan.cert'), 'NO KEY');
    const t = resolveTls(host, { certsDir: dir }, {});
    assert.ok(t.ca.some((c) => String(c) === 'CA-PEM'));
    assert.equal(String(t.cert), 'CERT-PEM');
    assert.equal(String(t.key), 'KEY-PEM');
    assert.deepEqual(t.caSources, [join(dir, host, 'ca.crt')]);
    assert.equal(t.hostCertsDir, join(dir, host));
    const none = resolveTls('other:1', { certsDir: dir }, {});
    assert.equal(none.cert, undefined);
    assert.deepEqual(none.caSources, []);
    assert.ok(none.ca.length > 100, 'the system CAs are always there');
    const configured = resolveTls('other:1', { certsDir: dir, ca: 'EXTRA' }, { DOCKHAND_CERTS_DIR: '/nonexistent' });
    assert.ok(configured.ca.includes('EXTRA'));
    assert.equal(resolveTls('x', {}, { DOCKHAND_CERTS_DIR: dir }).hostCertsDir, join(dir, 'x'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
