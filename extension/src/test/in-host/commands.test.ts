// Commands against the bed registries and dockerd, through the real API. The plain-HTTP
// registry is checked with raw fetch (an oracle independent of Dockhand's client).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { dockhand, registryNode, tagNode, labels, plainTags, plainDigest, repoNode, plainRegistry, plainGet } from './api';
import type { LocalNode } from '../../engine/localImagesProvider';

test('commands: add a plain-HTTP registry through the settings; it lists its repositories', async () => {
  const { plain, seeded } = bedConfig();
  const api = await dockhand();
  const reg = await plainRegistry();
  assert.ok(reg.sources.includes('settings'));
  const saved = vscode.workspace.getConfiguration('dockhand').get<Array<{ url: string; insecure?: boolean }>>('registries') ?? [];
  assert.ok(
    saved.some((r) => r.url === plain.url && r.insecure === true),
    JSON.stringify(saved),
  );
  const repos = labels(await api.registries.getChildren(reg));
  assert.ok(repos.includes(seeded.plainRepo), repos.join(', '));
});

test('commands: copy pull command and copy digest put the right text on the clipboard', async () => {
  const { tls, seeded } = bedConfig();
  const api = await dockhand();
  const reg = await registryNode(api, tls.host);
  const text = await vscode.commands.executeCommand('dockhand.copyPullCommand', tagNode(reg, 'team/app', '1.2.0'));
  assert.equal(text, `docker pull ${tls.host}/team/app:1.2.0`);
  assert.equal(await vscode.env.clipboard.readText(), `docker pull ${tls.host}/team/app:1.2.0`);
  await vscode.commands.executeCommand('dockhand.copyDigest', tagNode(reg, 'team/multi', '1.0'));
  assert.equal(await vscode.env.clipboard.readText(), seeded.multiDigest);
});

test('commands: open raw manifest shows a read-only JSON document of the index', async () => {
  const { tls, seeded } = bedConfig();
  const api = await dockhand();
  const reg = await registryNode(api, tls.host);
  const doc = await vscode.commands.executeCommand<vscode.TextDocument>('dockhand.openManifest', tagNode(reg, 'team/multi', '1.0'));
  assert.equal(doc.uri.scheme, 'dockhand-manifest');
  assert.equal(doc.languageId, 'json');
  const json = JSON.parse(doc.getText()) as { schemaVersion: number; manifests: Array<{ platform: { architecture: string } }> };
  assert.equal(json.schemaVersion, 2);
  assert.deepEqual(
    json.manifests.map((m) => m.platform.architecture),
    ['amd64', 'arm64'],
  );
  assert.ok(seeded.multiDigest.startsWith('sha256:'));
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('commands: open raw config shows the image config as JSON; an index asks which platform', async () => {
  const { plain, tls, seeded } = bedConfig();
  const api = await dockhand();
  const reg = await plainRegistry();
  // The oracle: the config blob read straight from the registry.
  const manifest = JSON.parse(
    (
      await plainGet(
        plain.url,
        `/v2/${seeded.plainRepo}/manifests/2.0`,
        'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
      )
    ).body,
  ) as { config: { digest: string } };
  const expected = JSON.parse((await plainGet(plain.url, `/v2/${seeded.plainRepo}/blobs/${manifest.config.digest}`)).body) as unknown;
  const doc = await vscode.commands.executeCommand<vscode.TextDocument>('dockhand.openConfig', tagNode(reg, seeded.plainRepo, '2.0'));
  assert.equal(doc.uri.scheme, 'dockhand-manifest');
  assert.equal(doc.languageId, 'json');
  assert.deepEqual(JSON.parse(doc.getText()), expected);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  const tlsReg = await registryNode(api, tls.host);
  const arm = await vscode.commands.executeCommand<vscode.TextDocument>('dockhand.openConfig', tagNode(tlsReg, 'team/multi', '1.0'), seeded.multiPlatforms[1]);
  assert.equal((JSON.parse(arm.getText()) as { architecture: string }).architecture, seeded.multiPlatforms[1]!.split('/')[1]);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('commands: image details opens a webview panel for the tag', async () => {
  const { tls } = bedConfig();
  const api = await dockhand();
  const reg = await registryNode(api, tls.host);
  const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('dockhand.imageDetails', tagNode(reg, 'team/multi', '1.0'));
  assert.equal(panel.viewType, 'dockhand.imageDetails');
  assert.equal(panel.title, 'team/multi:1.0');
  assert.match(panel.webview.html, /Content-Security-Policy/);
  assert.match(panel.webview.html, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
  assert.ok(panel.webview.options.enableScripts);
  assert.equal(panel.webview.options.localResourceRoots?.length, 2);
  panel.dispose();
});

test('commands: retag (server-side) adds the tag with the same digest', async () => {
  const { plain, seeded } = bedConfig();
  const reg = await plainRegistry();
  const digest = await vscode.commands.executeCommand<string>('dockhand.retag', tagNode(reg, seeded.plainRepo, '2.0'), '2.0-retagged');
  assert.equal(digest, seeded.plainTags['2.0']);
  assert.equal(await plainDigest(plain.url, seeded.plainRepo, '2.0-retagged'), seeded.plainTags['2.0']);
});

test('commands: copy from the TLS registry to the plain one keeps the digest (multi-platform)', async () => {
  const { plain, tls, seeded } = bedConfig();
  const api = await dockhand();
  await plainRegistry();
  const src = await registryNode(api, tls.host);
  const digest = await vscode.commands.executeCommand<string>('dockhand.copyImage', tagNode(src, 'team/multi', '1.0'), {
    registry: plain.host,
    repoTag: 'copied/multi:1.0',
  });
  assert.equal(digest, seeded.multiDigest);
  assert.equal(await plainDigest(plain.url, 'copied/multi', '1.0'), seeded.multiDigest);
  const reg = await registryNode(api, plain.host);
  assert.ok(labels(await api.registries.getChildren(reg)).includes('copied/multi'));
});

test('commands: untag only removes one tag and keeps its sibling', async () => {
  const { plain } = bedConfig();
  const reg = await plainRegistry();
  const before = await plainDigest(plain.url, 'play/untag', 'b');
  assert.ok(before);
  await vscode.commands.executeCommand('dockhand.untag', tagNode(reg, 'play/untag', 'a'), { confirm: true });
  assert.deepEqual(await plainTags(plain.url, 'play/untag'), ['b']);
  assert.equal(await plainDigest(plain.url, 'play/untag', 'b'), before);
});

test('commands: delete lists the sibling tags sharing the digest, then deletes them all', async () => {
  const { plain, seeded } = bedConfig();
  const api = await dockhand();
  const reg = await plainRegistry();
  const cancelled = await vscode.commands.executeCommand<{ deleted: boolean; siblings: string[] }>(
    'dockhand.deleteTag',
    tagNode(reg, seeded.plainRepo, '1.0'),
    { confirm: 'cancel' },
  );
  assert.deepEqual(cancelled.siblings, ['latest']);
  assert.equal(cancelled.deleted, false);
  assert.ok((await plainTags(plain.url, seeded.plainRepo)).includes('1.0'));
  const r = await vscode.commands.executeCommand<{ deleted: boolean; siblings: string[]; digest: string }>(
    'dockhand.deleteTag',
    tagNode(reg, seeded.plainRepo, '1.0'),
    { confirm: 'delete' },
  );
  assert.equal(r.deleted, true);
  assert.equal(r.digest, seeded.plainTags['1.0']);
  const left = await plainTags(plain.url, seeded.plainRepo);
  assert.ok(!left.includes('1.0') && !left.includes('latest'), left.join(', '));
  assert.ok(left.includes('2.0'));
  assert.deepEqual(labels(await api.registries.getChildren(repoNode(reg, seeded.plainRepo))).sort(), left);
});

test('commands: pull a TLS registry image into the bed engine with the credsStore login', async () => {
  const { tls } = bedConfig();
  const api = await dockhand();
  const reg = await registryNode(api, tls.host);
  await vscode.commands.executeCommand('dockhand.pull', tagNode(reg, 'team/svc-00', '1.0'));
  const engine = await api.services.engine();
  const images = await engine.listImages();
  assert.ok(
    images.some((i) => i.repoTags.includes(`${tls.host}/team/svc-00:1.0`)),
    JSON.stringify(images.map((i) => i.repoTags)),
  );
});

test('commands: retag and push a local image; the pushed tag shows in the registries tree', async () => {
  const { plain, seeded } = bedConfig();
  const api = await dockhand();
  const reg = await plainRegistry();
  const local = (await api.localImages.getChildren()).find(
    (n): n is Extract<LocalNode, { kind: 'localImage' }> => n.kind === 'localImage' && n.ref === seeded.localImage,
  );
  assert.ok(local, "the bed's local image is in the Local Images view");
  const result = await vscode.commands.executeCommand<{ digest: string; ref: string }>('dockhand.retagAndPush', local, {
    registry: plain.host,
    repoTag: 'pushed/app:1.0',
  });
  assert.equal(result.ref, `${plain.host}/pushed/app:1.0`);
  assert.equal(await plainDigest(plain.url, 'pushed/app', '1.0'), result.digest);
  const repos = labels(await api.registries.getChildren(reg));
  assert.ok(repos.includes('pushed/app'), repos.join(', '));
  assert.deepEqual(labels(await api.registries.getChildren(repoNode(reg, 'pushed/app'))), ['1.0']);
});

test('commands: a copy onto itself is refused (nothing written) and says so with its code', async () => {
  const { plain, seeded } = bedConfig();
  const reg = await plainRegistry();
  const before = await plainTags(plain.url, seeded.plainRepo);
  await assert.rejects(
    Promise.resolve(
      vscode.commands.executeCommand('dockhand.copyImage', tagNode(reg, seeded.plainRepo, '2.0'), { registry: plain.host, repoTag: `${seeded.plainRepo}:2.0` }),
    ),
    (err: Error) => /SAME_SOURCE_AND_TARGET/.test(err.message) && /same image/.test(err.message),
  );
  assert.deepEqual(await plainTags(plain.url, seeded.plainRepo), before);
});

test("commands: Local Images is redrawn after a push (the engine's tags changed)", async () => {
  const { plain, seeded } = bedConfig();
  const api = await dockhand();
  await plainRegistry();
  const local = (await api.localImages.getChildren()).find(
    (n): n is Extract<LocalNode, { kind: 'localImage' }> => n.kind === 'localImage' && n.ref === seeded.localImage,
  );
  assert.ok(local);
  let redraws = 0;
  const sub = api.localImages.onDidChangeTreeData(() => {
    redraws++;
  });
  try {
    await vscode.commands.executeCommand('dockhand.retagAndPush', local, { registry: plain.host, repoTag: 'pushed/refresh:1' });
  } finally {
    sub.dispose();
  }
  assert.ok(redraws >= 1, 'Local Images refreshed after the push');
});
