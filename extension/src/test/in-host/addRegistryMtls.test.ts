// Add Registry against the bed's real mTLS registry: refused without a client certificate
// (nothing saved); with the certificate and key it is stored with the scheme it answered
// on (https://, although a bare loopback host would be guessed as http://), the files'
// paths only, and the tree lists its repositories through them.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from './harness';
import { inHostConfig } from './bedConfig';
import { dockhand, labels, registryNode } from './api';
import type { RegistrySetting } from '../../settings';

const saved = () => vscode.workspace.getConfiguration('dockhand').get<RegistrySetting[]>('registries') ?? [];

test('commands: Add Registry with an mTLS client certificate: refused without it, stored as https:// with the paths, lists', async () => {
  const mtls = inHostConfig().mtls;
  if (!mtls) throw new Error('in-host config lacks the mTLS registry; run through test/e2e/extension-inhost.test.ts');
  const api = await dockhand();
  const before = saved();
  await assert.rejects(
    Promise.resolve(vscode.commands.executeCommand('dockhand.addRegistry', { url: mtls.host, caFile: mtls.caFile })),
    (err: Error) => err.message.startsWith(`${mtls.host} was not added:`),
  );
  assert.ok(!saved().some((r) => r.url.includes(mtls.host)), 'nothing saved for a registry that refused us');
  try {
    const added = await vscode.commands.executeCommand<RegistrySetting>('dockhand.addRegistry', {
      url: mtls.host,
      caFile: mtls.caFile,
      clientCertFile: mtls.clientCertFile,
      clientKeyFile: mtls.clientKeyFile,
    });
    assert.equal(added?.url, `https://${mtls.host}`, 'the scheme the registry answered on');
    const entry = saved().find((r) => r.url.includes(mtls.host));
    assert.deepEqual(entry, { url: `https://${mtls.host}`, caFile: mtls.caFile, clientCertFile: mtls.clientCertFile, clientKeyFile: mtls.clientKeyFile });
    const key = readFileSync(mtls.clientKeyFile, 'utf8').trim().split('\n')[1]!;
    assert.ok(!JSON.stringify(saved()).includes(key), "the key's content is not in the settings");
    api.registries.refresh();
    const repos = labels(await api.registries.getChildren(await registryNode(api, mtls.host)));
    assert.deepEqual(repos, ['secure/app']);
  } finally {
    await vscode.workspace.getConfiguration('dockhand').update('registries', before, vscode.ConfigurationTarget.Global);
  }
});
