// A dockhand-manifest: link is text anyone can craft: it names the registry, and the TLS
// options come from the user's settings. Here a link that asks for a CA file that does not
// exist (and insecure) still opens the manifest with the settings' trust (the bed's CA).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { dockhand } from './api';

test('commands: a dockhand-manifest: link cannot pick the CA file or turn on insecure', async () => {
  const { tls } = bedConfig();
  await dockhand();
  const query = new URLSearchParams({ url: tls.url, insecure: '1', ca: '/nonexistent/dockhand-attacker-ca.pem' }).toString();
  const uri = vscode.Uri.from({ scheme: 'dockhand-manifest', path: `/${tls.host}/team/multi/1.0.json`, query, fragment: '1.0' });
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  assert.ok(!text.startsWith('// Could not get'), `the link's CA file was used: ${text.slice(0, 300)}`);
  assert.equal((JSON.parse(text) as { schemaVersion: number }).schemaVersion, 2);
});
