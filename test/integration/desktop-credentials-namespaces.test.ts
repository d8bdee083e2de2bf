// The desktop's Credentials screen data (credentials:list, the handler Electron and the served
// mode call): podman namespace entries get rows of their own, showing what a lookup for that
// namespace picks; DOCKER_AUTH_CONFIG shows as its own source. Real files in a temp HOME.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../bed/index';
import { createMainApi, type MainApi } from '../../desktop/main/create-main-api';

const b64 = (s: string) => Buffer.from(s).toString('base64');
let main: MainApi | undefined;
after(() => main?.context.dispose());

test('credentials:list: one row per namespace entry with the credential a lookup there picks; DOCKER_AUTH_CONFIG rows', async () => {
  const home = tempDir('dockhand-desktop-ns-');
  mkdirSync(join(home, '.docker'));
  writeFileSync(join(home, '.docker/config.json'), JSON.stringify({ auths: { 'shadow.example': { auth: b64('docker-user:docker-pw') } } }));
  writeFileSync(
    join(home, 'auth.json'),
    JSON.stringify({
      auths: {
        'r.example:5000': { auth: b64('host-user:host-pw') },
        'r.example:5000/team': { auth: b64('team-user:team-pw') },
        'shadow.example/ns': { auth: b64('ns-user:ns-pw') },
      },
    }),
  );
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    REGISTRY_AUTH_FILE: join(home, 'auth.json'),
    DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { 'ci.example': { auth: b64('ci-user:ci-pw') } } }),
  };
  main = createMainApi({ mode: 'served', stateDir: join(home, 'state'), env });
  const rows = (await main.api.credentials.list()).filter((r) => !r.host.startsWith('('));
  const view = Object.fromEntries(rows.map((r) => [r.host, `${r.username ?? ''} ${r.source?.kind ?? 'none'}`]));
  assert.deepEqual(view, {
    'ci.example': 'ci-user dockerAuthConfig',
    'r.example:5000': 'host-user authJson',
    'r.example:5000/team': 'team-user authJson',
    'shadow.example': 'docker-user auths',
    'shadow.example/ns': 'docker-user auths', // config.json comes before auth.json, whatever the namespace
  });
  assert.match(rows.find((r) => r.host === 'r.example:5000/team')!.source!.detail, /auths\["r\.example:5000\/team"\]/);
  assert.ok(!JSON.stringify(rows).includes('-pw'), 'no secret crosses the bridge');
});
