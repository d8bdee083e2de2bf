// The Registries view's provider against the bed registries, through the real API.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { dockhand, registryNode, allRepositories, repoNode, tagNode, labels, setSetting } from './api';
import type { ErrorNode, PlatformNode, RegistryNode } from '../../tree/nodes';

test("tree: the TLS+htpasswd registry comes from docker's credsStore with its username", async () => {
  const { tls } = bedConfig();
  const api = await dockhand();
  const reg = await registryNode(api, tls.host);
  assert.ok(reg.sources.includes('credsStore'), `sources: ${reg.sources.join(', ')}`);
  assert.equal(reg.username, tls.username);
  const item = api.registries.getTreeItem(reg);
  assert.equal(item.label, tls.host);
  assert.match(String(item.contextValue), /^registry.*loggedIn/);
});

test('tree: repositories load page by page with a "Load more…" node', async () => {
  const { tls, seeded } = bedConfig();
  const api = await dockhand();
  await setSetting('repositories.pageSize', 5);
  try {
    api.registries.refresh();
    const reg = await registryNode(api, tls.host);
    const first = await api.registries.getChildren(reg);
    assert.deepEqual(labels(first), [...seeded.allTlsRepos.slice(0, 5), 'Load more…']);
    const all = await allRepositories(api, reg);
    assert.deepEqual(all, seeded.allTlsRepos);
  } finally {
    await setSetting('repositories.pageSize', undefined);
  }
});

test('tree: the first page shows at once while the rest of the catalog streams in; the registry row counts them', async () => {
  const { tls, seeded } = bedConfig();
  const api = await dockhand();
  await setSetting('repositories.pageSize', 5);
  try {
    api.registries.refresh();
    const reg = await registryNode(api, tls.host);
    const first = await api.registries.getChildren(reg);
    assert.deepEqual(labels(first), [...seeded.allTlsRepos.slice(0, 5), 'Load more…']);
    // Nobody clicks "Load more…": the rest is read anyway, and the row says how many there are.
    const total = seeded.allTlsRepos.length;
    const end = Date.now() + 60_000;
    const counted = new RegExp(`(^|· )${total} repositories( ·|$)`); // after the login's "as user"
    while (!counted.test(String(api.registries.getTreeItem(reg).description ?? '')) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.match(String(api.registries.getTreeItem(reg).description), counted);
    assert.deepEqual(api.registries.loadedRepositories(reg.target), seeded.allTlsRepos);
    const again = await api.registries.getChildren(reg);
    assert.deepEqual(labels(again), [...seeded.allTlsRepos.slice(0, 5), 'Load more…'], 'still one page shown');
    const more = again.find((k) => k.kind === 'loadMore')!;
    assert.equal(api.registries.getTreeItem(more).description, `5 of ${total} shown`);
    // A filter searches everything read, not only the page shown.
    await vscode.commands.executeCommand('dockhand.filterRepositories', reg, 'multi');
    assert.deepEqual(
      labels(await api.registries.getChildren(reg)),
      seeded.allTlsRepos.filter((r) => r.includes('multi')),
    );
  } finally {
    await vscode.commands.executeCommand('dockhand.clearFilter', await registryNode(api, tls.host));
    await setSetting('repositories.pageSize', undefined);
  }
});

test('tree: the filter narrows the loaded repositories and is shown on the registry', async () => {
  const { tls, seeded } = bedConfig();
  const api = await dockhand();
  const reg = await registryNode(api, tls.host);
  await allRepositories(api, reg);
  await vscode.commands.executeCommand('dockhand.filterRepositories', reg, 'svc-1');
  try {
    const kids = await api.registries.getChildren(reg);
    assert.deepEqual(
      labels(kids),
      seeded.pagingRepos.filter((r) => r.includes('svc-1')),
    );
    assert.match(String(api.registries.getTreeItem(reg).description), /filter: svc-1/);
    await vscode.commands.executeCommand('dockhand.filterRepositories', reg, 'no-such-repo');
    assert.deepEqual(labels(await api.registries.getChildren(reg)), ['info: No repository matches "no-such-repo"']);
  } finally {
    await vscode.commands.executeCommand('dockhand.clearFilter', reg);
  }
  assert.equal(api.registries.filterOf(reg), undefined);
});

test('tree: tags sort by semver, and by date after the toggle', async () => {
  const { tls } = bedConfig();
  const api = await dockhand();
  const reg = await registryNode(api, tls.host);
  await setSetting('tags.sort', 'semver');
  assert.deepEqual(labels(await api.registries.getChildren(repoNode(reg, 'team/app'))), ['1.10.0', '1.2.0', '1.0.0', 'latest', 'stable']);
  const next = await vscode.commands.executeCommand('dockhand.toggleTagSort');
  try {
    assert.equal(next, 'date');
    const byDate = labels(await api.registries.getChildren(repoNode(reg, 'team/app')));
    // 1.2.0 (2025-03) is newest; 1.10.0, latest and stable share 2024-06; 1.0.0 (2024-01) is oldest.
    assert.deepEqual(byDate, ['1.2.0', '1.10.0', 'latest', 'stable', '1.0.0']);
  } finally {
    await setSetting('tags.sort', undefined);
  }
});

test('tree: a multi-platform index shows its platforms, and layers with sizes under each', async () => {
  const { tls, seeded } = bedConfig();
  const api = await dockhand();
  const reg = await registryNode(api, tls.host);
  const children = await api.registries.getChildren(tagNode(reg, 'team/multi', '1.0'));
  // Platforms first; the tag's attachments (the seeded SBOM) follow them (issue 17).
  const platforms = children.filter((c) => c.kind === 'platform');
  assert.deepEqual(
    platforms.map((p) => String(api.registries.getTreeItem(p).label)),
    seeded.multiPlatforms,
  );
  assert.deepEqual(
    children.filter((c) => c.kind !== 'platform').map((c) => String(api.registries.getTreeItem(c).label)),
    ['SBOM: SPDX'],
  );
  const layers = await api.registries.getChildren(platforms[0] as PlatformNode);
  assert.ok(layers.length >= 1);
  for (const l of layers) {
    assert.equal(l.kind, 'layer');
    assert.match(String(api.registries.getTreeItem(l).description), /\d+(\.\d)? (B|KiB|MiB)/);
  }
  const single = await api.registries.getChildren(tagNode(reg, 'team/app', '1.0.0'));
  assert.equal(single.length, 2, 'team/app:1.0.0 has two layers');
});

test('tree: a registry without credentials shows an error item whose fix logs in; logging in (keytar) fixes it', async () => {
  const { tls } = bedConfig();
  const api = await dockhand();
  const host = `localhost:${new URL(tls.url).port}`;
  await vscode.commands.executeCommand('dockhand.addRegistry', { url: `https://${host}` });
  try {
    api.registries.refresh();
    const reg = await registryNode(api, host);
    const kids = await api.registries.getChildren(reg);
    const err = kids.find((k): k is ErrorNode => k.kind === 'error');
    assert.ok(err, `expected an error item, got ${labels(kids).join(', ')}`);
    assert.match(err.message, /not authenticated .*Log in to /);
    assert.doesNotMatch(err.message, /--[a-z]|docker login|\(explicit\)/, 'worded for the editor, not the command line');
    assert.equal(err.fix?.command, 'dockhand.login');
    const item = api.registries.getTreeItem(err);
    assert.equal(item.command?.command, 'dockhand.login');
    // Perform the fix with the credentials the prompt would ask for.
    await vscode.commands.executeCommand('dockhand.login', err.fix?.args[0] as RegistryNode, { username: tls.username, password: tls.password });
    assert.equal(await api.services.keychainName(), 'OS keychain (keytar)');
    const cred = await api.services.store.get(host);
    assert.equal(cred?.source.kind, 'keychain');
    const reg2 = await registryNode(api, host);
    const repos = labels(await api.registries.getChildren(reg2));
    assert.ok(repos.includes('team/app'), repos.join(', '));
    const logged = api.services.log.recent().join('\n');
    assert.match(logged, new RegExp(`logged in to ${host.replace(/[.]/g, '\\.')} as ${tls.username}`));
    assert.ok(!logged.includes(tls.password), 'the password never reaches the log');
    // Log out: the keychain entry goes.
    await vscode.commands.executeCommand('dockhand.logout', reg2, { confirm: true });
    assert.equal(await api.services.store.get(host), undefined);
  } finally {
    await vscode.commands.executeCommand(
      'dockhand.removeRegistry',
      { kind: 'registry', target: { url: `https://${host}`, host }, sources: ['settings'] },
      { confirm: true },
    );
  }
  assert.ok(!(await api.registries.getChildren()).some((n) => n.kind === 'registry' && n.target.host === host));
});
