// In-host suites of the extension (providers and commands with the real `vscode` API) in
// code-server, against the bed: a TLS+htpasswd registry logged in through docker's
// credsStore, a plain-HTTP registry, dockerd with a local image, a gnome-keyring for keytar.
// One code-server start; each in-host test is reported here as a subtest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, type CodeServer } from './code-server/server';
import { launchChromium } from './code-server/browser';
import { runInHost } from './code-server/inHost';
import { packageVsix, installedExtensionDir, inHostRunner, extensionDir } from './code-server/vsix';
import { missingTools } from './code-server/tools';
import { startExtensionBed, type ExtensionBed } from './code-server/extensionBed';
import { BED_RUN } from '../vscode/in-host-runs';

let bed: ExtensionBed | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;
const version = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')).version as string;

before(
  async () => {
    const missing = missingTools();
    if (missing) throw new Error(missing);
    const [vsix, b] = await Promise.all([packageVsix(), startExtensionBed()]);
    bed = b;
    const workspace = join(bed.dir, 'workspace');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(
      join(bed.dir, 'in-host.json'),
      JSON.stringify(
        {
          // The same selection desktop VS Code runs (test/vscode/run.ts); DOCKHAND_INHOST_FILTER narrows it while iterating.
          filter: process.env.DOCKHAND_INHOST_FILTER ?? BED_RUN.filter,
          workspace,
          tls: { url: bed.tls.url, host: bed.tls.host, username: bed.tls.username, password: bed.tls.password, caFile: bed.tls.caFile },
          plain: { url: bed.plain.url, host: bed.plain.host },
          mtls: { host: bed.mtls.host, caFile: bed.mtls.caFile, clientCertFile: bed.mtls.clientCertFile, clientKeyFile: bed.mtls.clientKeyFile },
          seeded: bed.seeded,
        },
        null,
        2,
      ),
    );
    server = await startCodeServer({
      workspace,
      vsix: [vsix],
      smokeTestDriver: true,
      env: { ...bed.env, DOCKHAND_INHOST_CONFIG: join(bed.dir, 'in-host.json'), DOCKHAND_INHOST_RESULTS: join(bed.dir, 'in-host-results.json') },
    });
    browser = await launchChromium();
  },
  { timeout: 600_000 },
);

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  await bed?.stop();
});

test('in-host suites: tree, commands, config linting and the walkthrough against the bed', { timeout: 600_000 }, async (t) => {
  const r = await runInHost(browser!, server!, {
    workspace: join(bed!.dir, 'workspace'),
    extensionDevelopmentPath: installedExtensionDir(server!.extensionsDir, version),
    extensionTestsPath: inHostRunner,
    timeoutMs: 540_000,
  });
  const resultsFile = join(bed!.dir, 'in-host-results.json');
  assert.ok(existsSync(resultsFile), `the in-host runner wrote no results (exit ${r.exitCode}); logs:\n${r.logs.slice(-40).join('\n')}`);
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Array<{ name: string; ok: boolean; error?: string }>;
  assert.ok(results.length >= (process.env.DOCKHAND_INHOST_FILTER ? 1 : 15), `only ${results.length} in-host tests ran`);
  for (const res of results) {
    await t.test(res.name, () => {
      assert.ok(res.ok, res.error);
    });
  }
  const keyringDeaths = bed!.keyring.deaths();
  assert.equal(
    r.exitCode,
    0,
    `in-host run failed:\n${results
      .filter((x) => !x.ok)
      .map((x) => `${x.name}: ${x.error}`)
      .join('\n')}` + `\nbed keyring: ${keyringDeaths.length ? keyringDeaths.join('; ') : 'gnome-keyring-daemon ran throughout'}`,
  );
});
