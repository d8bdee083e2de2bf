import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNELS, createApiClient, RemoteError, type Channel } from '../common';
import { createDispatcher } from './dispatcher';
import { toErrorInfo } from './error-info';
import { startServedMode } from '../server/http-server';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';

test('the client rebuilds errors from envelopes with code, status and hint', async () => {
  const seen: Array<[Channel, unknown[]]> = [];
  const api = createApiClient(async (channel, args) => {
    seen.push([channel, args]);
    return channel === 'tags:list'
      ? { error: { name: 'RegistryError', message: 'repository name not known', code: 'NAME_UNKNOWN', status: 404, hint: 'Check the name.' } }
      : { result: ['a'] };
  });
  assert.deepEqual(await api.repositories.list('r1'), ['a']);
  await assert.rejects(
    api.tags.list('r1', 'x'),
    (err: unknown) => err instanceof RemoteError && err.code === 'NAME_UNKNOWN' && err.status === 404 && err.hint === 'Check the name.',
  );
  assert.deepEqual(
    seen.map(([c]) => c),
    ['repositories:list', 'tags:list'],
  );
  assert.ok(CHANNELS.length >= 20 && CHANNELS.every((c) => /^[a-z]+:[a-zA-Z]+$/.test(c)));
});

test('secrets are redacted from the error text that crosses the bridge', () => {
  const err = Object.assign(new Error('GET https://bob:hunter2@reg.example/v2/ failed: Authorization: Bearer abc.def.ghi'), {
    status: 401,
    hint: 'retry realm?token=s3cr3t&x=1 with Basic dXNlcjpodW50ZXIyLXNlY3JldA==',
  });
  const info = toErrorInfo(err);
  const text = `${info.message}\n${info.hint}`;
  for (const leak of ['hunter2', 'abc.def.ghi', 's3cr3t', 'dXNlcjpodW50ZXIyLXNlY3JldA']) assert.ok(!text.includes(leak), `leaked ${leak}: ${text}`);
  assert.match(info.message, /reg\.example\/v2\/ failed/);
  assert.equal(info.status, 401);
  assert.equal(toErrorInfo('plain https://u:pw-secret@h/x').message.includes('pw-secret'), false);
});

test('served mode: loopback only, static files stay inside the renderer folder, Host checked', async () => {
  await assert.rejects(startServedMode({ dispatch: async () => ({ result: null }), rendererDir: tmpdir(), host: '0.0.0.0' }), /loopback only/);
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-served-'));
  writeFileSync(join(dir, 'index.html'), '<p>hi</p>');
  const served = await startServedMode({ dispatch: createDispatcher({} as never), rendererDir: dir });
  try {
    assert.equal(await (await fetch(`${served.origin}/`)).text(), '<p>hi</p>');
    assert.equal((await fetch(`${served.origin}/..%2f..%2fetc%2fpasswd`)).status, 404);
    assert.equal((await fetch(`${served.origin}/api/app:info`, { method: 'GET' })).status, 405);
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: served.port, path: '/', headers: { Host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(status, 421, 'a DNS-rebound Host is refused');
    assert.match(served.url, /#token=[A-Za-z0-9_-]{40,}$/);
  } finally {
    await served.close();
  }
});
