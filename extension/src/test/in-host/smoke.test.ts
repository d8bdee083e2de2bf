// The smoke suite: the extension activates in a real extension host and its views and
// commands are registered with the real `vscode` API.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from './harness';
import type { DockhandApi } from '../../extension';

export const extensionId = 'dockhand.dockhand';

test('smoke: the extension activates and registers its commands', async () => {
  const ext = vscode.extensions.getExtension<DockhandApi>(extensionId);
  assert.ok(ext, `extension ${extensionId} is not installed`);
  const api = await ext.activate();
  assert.equal(ext.isActive, true);
  assert.equal(typeof api.activationMs, 'number');
  console.log(`dockhand activation: ${api.activationMs.toFixed(1)} ms (activate() body; logged, not asserted)`);
  assert.ok(api.services.log.recent().some((l) => /Dockhand activated in [\d.]+ ms/.test(l)));
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['dockhand.refresh', 'dockhand.addRegistry']) assert.ok(commands.includes(id), `${id} is not registered`);
  // The Registries view can be focused (its container and view are contributed).
  await vscode.commands.executeCommand('dockhand.registries.focus');
});

test('smoke: without an OS keychain (no D-Bus), logins are kept in VS Code SecretStorage', async () => {
  const api = await vscode.extensions.getExtension<DockhandApi>(extensionId)!.activate();
  assert.equal(await api.services.keychainName(), 'VS Code SecretStorage');
  const host = 'secret-storage.example:5000';
  let verified = 0;
  await api.services.store.login(
    host,
    { username: 'alice', password: 'pw-in-secret-storage' },
    {
      verify: async () => {
        verified++;
      },
    },
  );
  try {
    assert.equal(verified, 1);
    const cred = await api.services.store.get(host);
    assert.equal(cred?.username, 'alice');
    assert.equal(cred?.source.kind, 'keychain');
    assert.match(cred?.source.detail ?? '', /VS Code SecretStorage/);
    const listed = await api.registries.getChildren();
    assert.ok(listed.some((n) => n.kind === 'registry' && n.target.host === host && n.username === 'alice'));
  } finally {
    await api.services.store.logout(host);
  }
  assert.equal(await api.services.store.get(host), undefined);
});
