import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certsDirClientPair, clientCertificateFields, clientPairProblem, clientTlsOptions } from './clientCertificate';

const dir = mkdtempSync(join(tmpdir(), 'dockhand-client-cert-'));

test("certs.d: the pair is offered only when both client.cert and client.key are in <certs.d>/<host>/", () => {
  const env = { DOCKHAND_CERTS_DIR: join(dir, 'certs.d') };
  mkdirSync(join(dir, 'certs.d', 'reg.example:5443'), { recursive: true });
  writeFileSync(join(dir, 'certs.d', 'reg.example:5443', 'client.cert'), 'CERT');
  assert.equal(certsDirClientPair('reg.example:5443', env), undefined, 'no key yet');
  writeFileSync(join(dir, 'certs.d', 'reg.example:5443', 'client.key'), 'KEY');
  assert.deepEqual(certsDirClientPair('reg.example:5443', env), {
    clientCertFile: join(dir, 'certs.d', 'reg.example:5443', 'client.cert'),
    clientKeyFile: join(dir, 'certs.d', 'reg.example:5443', 'client.key'),
  });
  assert.equal(certsDirClientPair('other.example', env), undefined);
});

test('client TLS options: both files read as bytes; neither gives none; one of two is refused with the fix', () => {
  const cert = join(dir, 'c.pem');
  const key = join(dir, 'k.pem');
  writeFileSync(cert, 'CERT-PEM');
  writeFileSync(key, 'KEY-PEM');
  const o = clientTlsOptions({ clientCertFile: cert, clientKeyFile: key });
  assert.equal(o.clientCert?.toString(), 'CERT-PEM');
  assert.equal(o.clientKey?.toString(), 'KEY-PEM');
  assert.deepEqual(clientTlsOptions({}), {});
  assert.throws(() => clientTlsOptions({ clientCertFile: cert }), /client certificate but no client key: give both/);
  assert.match(clientPairProblem({ clientKeyFile: key }) ?? '', /client key but no client certificate/);
});

test('client TLS options: a missing or oversized file is named, and its content never appears in the error', () => {
  const big = join(dir, 'big.pem');
  writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 'K'));
  assert.throws(() => clientTlsOptions({ clientCertFile: join(dir, 'c.pem'), clientKeyFile: big }), (err: Error) => {
    assert.match(err.message, /Cannot read the client key .*big\.pem: .*over 1 MiB/);
    assert.ok(!err.message.includes('KKKK'));
    return true;
  });
  assert.throws(() => clientTlsOptions({ clientCertFile: join(dir, 'gone.pem'), clientKeyFile: big }), /client certificate .*gone\.pem: ENOENT/);
});

test('settings fields: only a pair of non-empty strings is kept', () => {
  assert.deepEqual(clientCertificateFields({ clientCertFile: '/a', clientKeyFile: '/b' }), { clientCertFile: '/a', clientKeyFile: '/b' });
  assert.deepEqual(clientCertificateFields({ clientCertFile: '/a' }), {});
  assert.deepEqual(clientCertificateFields({ clientCertFile: 5 as unknown as string, clientKeyFile: '/b' }), {});
});
