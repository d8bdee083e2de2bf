// registries.list and credentials.list carry a failed credential source as data: that text
// is redacted too. A helper that fails and prints secrets cannot be had from a real helper
// on demand: these helpers are shell scripts (fake helpers).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createMainApi } from './create-main-api';

const work = mkdtempSync(join(tmpdir(), 'dockhand-desktop-creds-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('a credential helper that fails printing secrets (fake helper): registries.list and credentials.list show no secret', async () => {
  const jsonSecret = 'json-' + randomBytes(9).toString('hex');
  const seenSecret = 'seen-' + randomBytes(9).toString('hex');
  const bin = join(work, 'bin');
  const docker = join(work, '.docker');
  mkdirSync(bin, { recursive: true });
  mkdirSync(docker, { recursive: true });
  const helper = join(bin, 'docker-credential-leaky');
  // get and list both fail: the JSON answer (with its secret), then a sentence quoting a secret this process read from auths.
  writeFileSync(
    helper,
    `#!/bin/sh\ncat >/dev/null\necho '{"Username":"bob","Secret":"${jsonSecret}"}'\necho "keyring locked; last value carol:${seenSecret}"\nexit 1\n`,
  );
  chmodSync(helper, 0o755);
  writeFileSync(
    join(docker, 'config.json'),
    JSON.stringify({
      credsStore: 'leaky',
      auths: { 'other.example': { auth: Buffer.from(`carol:${seenSecret}`).toString('base64') } },
    }),
  );
  const env = { HOME: work, DOCKER_CONFIG: docker, REGISTRY_AUTH_FILE: join(work, 'auth.json'), PATH: `${bin}:${process.env.PATH}` };
  const main = createMainApi({ mode: 'served', stateDir: join(work, 'state'), env });
  try {
    await main.context.registries.add({ name: 'r', url: 'https://r.example', host: 'r.example' });
    const creds = await main.api.credentials.list();
    const regs = await main.api.registries.list();
    const text = JSON.stringify([creds, regs]);
    assert.match(text, /docker-credential-leaky (get|list) failed/, 'the failure is still reported');
    const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/=+$/, '');
    for (const leak of [jsonSecret, seenSecret, b64(`carol:${seenSecret}`), b64(`bob:${jsonSecret}`)])
      assert.ok(!text.includes(leak), `leaked ${leak}: ${text}`);
  } finally {
    main.context.dispose();
  }
});
