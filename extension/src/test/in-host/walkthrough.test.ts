// The "Dockhand: Get Started" walkthrough: contributed in the installed extension's
// package.json, every step's command link names a command that exists in this host, and
// every step's markdown media is packaged.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from './harness';
import { allRepositories, dockhand, extensionId, registryNode } from './api';

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
}

function commandLinks(description: string): string[] {
  return [...description.matchAll(/\(command:([\w.-]+)/g)].map((m) => m[1]);
}

test('walkthrough: "Dockhand: Get Started" is contributed, its command links exist and its media is packaged', async () => {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `extension ${extensionId} is not installed`);
  const walkthroughs =
    (ext.packageJSON as { contributes?: { walkthroughs?: Array<{ id: string; title: string; steps: WalkthroughStep[] }> } }).contributes?.walkthroughs ?? [];
  const getStarted = walkthroughs.find((w) => w.id === 'getStarted');
  assert.ok(getStarted, `no getStarted walkthrough in ${JSON.stringify(walkthroughs.map((w) => w.id))}`);
  assert.match(getStarted.title, /Dockhand/);
  assert.deepEqual(
    getStarted.steps.map((s) => s.id),
    ['sandbox', 'addRegistry', 'logIn', 'browse', 'pushLocal', 'lintConfig'],
  );

  const commands = new Set(await vscode.commands.getCommands(false));
  for (const step of getStarted.steps) {
    const links = commandLinks(step.description);
    assert.ok(links.length >= 1, `step ${step.id} has no command link: ${step.description}`);
    for (const id of links) assert.ok(commands.has(id), `step ${step.id} links to ${id}, which is not a registered command`);
    assert.ok(step.media.markdown, `step ${step.id} has no markdown media`);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, step.media.markdown)));
    assert.match(text, /^# \S/, `${step.media.markdown} does not start with a heading`);
  }
});

test('walkthrough: "Start a Sandbox Registry" starts a local registry with sample images and adds it to the tree; "Stop the Sandbox Registry" stops it', async () => {
  const api = await dockhand();
  const result = await vscode.commands.executeCommand<{ registry: string; repositories: string[] }>('dockhand.startSandbox');
  assert.ok(result, 'the command returned the sandbox');
  assert.match(result.registry, /^127\.0\.0\.1:\d+$/);
  const reg = await registryNode(api, result.registry);
  const repos = await allRepositories(api, reg);
  assert.deepEqual(repos, ['samples/base', 'samples/hello', 'samples/tools', 'samples/web']);
  // Running it again finds the same registry and does not add it twice.
  const again = await vscode.commands.executeCommand<{ registry: string; started: boolean }>('dockhand.startSandbox');
  assert.equal(again?.registry, result.registry);
  assert.equal(again?.started, false);
  const hosts = (await api.registries.getChildren()).filter((n) => n.kind === 'registry' && n.target.host === result.registry);
  assert.equal(hosts.length, 1);
  // Stopped from the editor (not by a command to type), then started again with its images.
  const stopped = await vscode.commands.executeCommand<{ stopped: boolean }>('dockhand.stopSandbox');
  assert.equal(stopped?.stopped, true);
  const res = await fetch(`http://${result.registry}/v2/`).then(
    (r) => r.status,
    () => 'refused',
  );
  assert.equal(res, 'refused', 'the sandbox no longer answers');
  const restarted = await vscode.commands.executeCommand<{ registry: string; started: boolean; repositories: string[] }>('dockhand.startSandbox');
  assert.equal(restarted?.started, true);
  assert.deepEqual(restarted?.repositories, result.repositories);
});
