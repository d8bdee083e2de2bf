// config.yml linting with the real editor: diagnostics at the linter's exact ranges, quick
// fixes, hover and completion.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { dockhand } from './api';

export const brokenConfig = `version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
  secrett: abc
`;

async function waitForDiagnostics(uri: vscode.Uri, pred: (d: readonly vscode.Diagnostic[]) => boolean, ms = 20_000): Promise<readonly vscode.Diagnostic[]> {
  const end = Date.now() + ms;
  for (;;) {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'dockhand');
    if (pred(d)) return d;
    if (Date.now() > end) throw new Error(`diagnostics never matched; last: ${JSON.stringify(d.map((x) => [x.code, x.range.start.line]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('lint: a registry config is linted on open with exact ranges and codes', async () => {
  const { workspace } = bedConfig();
  await dockhand();
  mkdirSync(join(workspace, 'lint'), { recursive: true });
  const file = join(workspace, 'lint', 'config.yml');
  writeFileSync(file, brokenConfig);
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc);
  const diags = await waitForDiagnostics(doc.uri, (d) => d.length >= 2);
  const unknown = diags.find((d) => d.code === 'unknown-key');
  assert.ok(unknown, JSON.stringify(diags.map((d) => d.code)));
  assert.deepEqual([unknown.range.start.line, unknown.range.start.character, unknown.range.end.line, unknown.range.end.character], [10, 2, 10, 9]);
  assert.equal(doc.getText(unknown.range), 'secrett');
  assert.match(unknown.message, /Did you mean secret/);
  assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);
  assert.ok(diags.some((d) => d.code === 'http-secret-missing' && d.range.start.line === 8));
});

test('lint: the quick fix from the linter renames the key and the diagnostic goes away', async () => {
  const { workspace } = bedConfig();
  const doc = await vscode.workspace.openTextDocument(join(workspace, 'lint', 'config.yml'));
  const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.code === 'unknown-key'));
  const unknown = diags.find((d) => d.code === 'unknown-key')!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    unknown.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const fix = actions.find((a) => a.title === 'Rename to secret');
  assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.equal(doc.lineAt(10).text, '  secret: abc');
  await waitForDiagnostics(doc.uri, (d) => !d.some((x) => x.code === 'unknown-key') && !d.some((x) => x.code === 'http-secret-missing'));
  await doc.save();
});

test('lint: an invalid log level offers every valid level as a quick fix (info preferred); a second storage driver has a Remove fix', async () => {
  const { workspace } = bedConfig();
  mkdirSync(join(workspace, 'lint-fixes'), { recursive: true });
  const file = join(workspace, 'lint-fixes', 'config.yml');
  writeFileSync(
    file,
    'version: 0.1\nlog:\n  level: verbose\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/registry\n  inmemory: {}\nhttp:\n  addr: :5000\n  secret: s\n',
  );
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc);
  const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.code === 'invalid-loglevel') && d.some((x) => x.code === 'storage-driver-count'));
  const level = diags.find((d) => d.code === 'invalid-loglevel')!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    level.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const levelFixes = actions.filter((a) => /^Change to /.test(a.title));
  assert.deepEqual(
    levelFixes.map((a) => a.title),
    ['Change to info', 'Change to error', 'Change to warn', 'Change to debug'],
  );
  assert.deepEqual(
    levelFixes.map((a) => !!a.isPreferred),
    [true, false, false, false],
  );
  assert.ok(await vscode.workspace.applyEdit(levelFixes[3]!.edit!));
  assert.equal(doc.lineAt(2).text, '  level: debug');
  const drivers = (await waitForDiagnostics(doc.uri, (d) => !d.some((x) => x.code === 'invalid-loglevel'))).find((d) => d.code === 'storage-driver-count')!;
  const remove = (
    await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, drivers.range, vscode.CodeActionKind.QuickFix.value)
  ).find((a) => a.title === 'Remove the inmemory driver');
  assert.ok(remove?.edit);
  assert.ok(await vscode.workspace.applyEdit(remove.edit));
  assert.ok(!doc.getText().includes('inmemory'));
  await waitForDiagnostics(doc.uri, (d) => d.length === 0);
  await doc.save();
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('lint: fixes named by the message, from the shared fix list: age: 168 -> 168h, a duplicate key removed; none offered while the text changed since the lint', async () => {
  const { workspace } = bedConfig();
  mkdirSync(join(workspace, 'lint-shared-fixes'), { recursive: true });
  const file = join(workspace, 'lint-shared-fixes', 'config.yml');
  writeFileSync(
    file,
    'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/registry\n  maintenance:\n    uploadpurging:\n      enabled: true\n      age: 168\n      interval: 24h\n      dryrun: false\nhttp:\n  addr: :5000\n  secret: s\n  secret: t\n',
  );
  const doc = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(doc);
  const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.code === 'uploadpurging') && d.some((x) => x.code === 'duplicate-key'));
  const fixesAt = async (code: string) =>
    vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      (await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.code === code))).find((x) => x.code === code)!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
  const age = (await fixesAt('uploadpurging')).find((a) => a.title === 'Change to 168h');
  assert.ok(age?.edit, JSON.stringify(diags.map((d) => d.message)));
  assert.equal(age.isPreferred, true);
  assert.ok(await vscode.workspace.applyEdit(age.edit));
  assert.equal(doc.lineAt(7).text, '      age: 168h');
  await waitForDiagnostics(doc.uri, (d) => !d.some((x) => x.code === 'uploadpurging'));
  // Typed since the lint: the fixes' offsets no longer fit, so none are offered until the re-lint.
  const dup = (await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.code === 'duplicate-key'))).find((x) => x.code === 'duplicate-key')!;
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
  const stale = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, dup.range, vscode.CodeActionKind.QuickFix.value);
  assert.deepEqual(
    stale.filter((a) => a.title.startsWith('Remove the earlier')).map((a) => a.title),
    [],
  );
  await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.code === 'duplicate-key' && x.range.start.line === 14));
  const remove = (await fixesAt('duplicate-key')).find((a) => a.title === 'Remove the earlier secret (line 14), which is ignored');
  assert.ok(remove?.edit);
  assert.ok(await vscode.workspace.applyEdit(remove.edit));
  assert.equal(doc.getText().includes('secret: s\n'), false);
  assert.equal(doc.getText().includes('  secret: t\n'), true);
  await waitForDiagnostics(doc.uri, (d) => d.length === 0);
  await doc.save();
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('lint: hover and completion come from the schema', async () => {
  const { workspace } = bedConfig();
  const doc = await vscode.workspace.openTextDocument(join(workspace, 'lint', 'config.yml'));
  const pos = doc.positionAt(doc.getText().indexOf('rootdirectory') + 3);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.match(text, /storage\.filesystem\.rootdirectory/);
  assert.match(text, /Directory holding all registry data/);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 2));
  const names = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(names.includes('level') || names.includes('formatter'), names.slice(0, 20).join(', '));
});

test('lint: other YAML files are left alone', async () => {
  const { workspace } = bedConfig();
  const file = join(workspace, 'lint', 'compose.yml');
  writeFileSync(file, 'services:\n  web:\n    image: nginx\n    secrett: 1\n');
  const doc = await vscode.workspace.openTextDocument(file);
  const api = await dockhand();
  assert.deepEqual(await api.linter.lintNow(doc), []);
  assert.equal(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'dockhand').length, 0);
});

test('lint: the dockhand.config.version setting picks the registry version checked against', async () => {
  const { workspace } = bedConfig();
  const file = join(workspace, 'lint', 'letsencrypt.yml');
  writeFileSync(
    file,
    'version: 0.1\nstorage:\n  inmemory: {}\nhttp:\n  addr: :443\n  secret: x\n  tls:\n    letsencrypt:\n      cachefile: /var/cache/le\n      email: a@example.com\n',
  );
  const doc = await vscode.workspace.openTextDocument(file);
  const message = async (version: string) => {
    await vscode.workspace.getConfiguration('dockhand').update('config.version', version, vscode.ConfigurationTarget.Global);
    const want = version === '3' ? /3\.x rejects every TLS handshake/ : /any host name may request a certificate/;
    const d = await waitForDiagnostics(doc.uri, (ds) => ds.some((x) => x.code === 'letsencrypt-hosts' && want.test(x.message)));
    const hit = d.find((x) => x.code === 'letsencrypt-hosts')!;
    assert.equal(hit.range.start.line, 7);
    return hit.message;
  };
  try {
    assert.match(await message('2.8'), /any host name/);
    assert.match(await message('3'), /3\.x rejects/);
  } finally {
    await vscode.workspace.getConfiguration('dockhand').update('config.version', undefined, vscode.ConfigurationTarget.Global);
  }
});

test('lint: a hostile file is linted off the extension host thread, and a file over the cap is not parsed (issue 14.21)', async () => {
  const { workspace } = bedConfig();
  const api = await dockhand();
  let text = 'version: 0.1\nhttp:\n  secret: s\nstorage:\n  inmemory:\n';
  for (let i = 0; text.length < 3 << 20; i++) text += `unknownkey${i}: value\n`;
  const file = join(workspace, 'lint', 'hostile.yml');
  writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(file);
  // Linted on this thread, the request would finish before a timer could run.
  let ticks = 0;
  const interval = setInterval(() => ticks++, 1);
  let diags: vscode.Diagnostic[];
  try {
    diags = await api.linter.lintNow(doc);
  } finally {
    clearInterval(interval);
  }
  assert.ok(ticks > 0, 'timers ran on the extension host while the 3 MB file was linted');
  // The worker's answer: the capped diagnostics, or (on a machine too loaded to lint 3 MB within
  // the 20 s deadline) lint-timeout; a lint on this thread could give neither while timers ran.
  assert.ok(
    diags.some((d) => d.code === 'lint-truncated' || d.code === 'lint-timeout'),
    JSON.stringify(diags.slice(-2).map((d) => d.message)),
  );
  const huge = join(workspace, 'lint', 'huge.yml');
  writeFileSync(huge, text + text);
  const hugeDoc = await vscode.workspace.openTextDocument(huge);
  const d = await waitForDiagnostics(hugeDoc.uri, (ds) => ds.length > 0);
  assert.deepEqual(
    d.map((x) => x.code),
    ['lint-too-large'],
  );
});

test('lint: "Migrate to registry 3.1" on a 2.8 file edits it in place and it then lints clean for 3.1 (issue 16)', async () => {
  const { workspace } = bedConfig();
  const api = await dockhand();
  const file = join(workspace, 'lint', 'old-28.yml');
  writeFileSync(
    file,
    '# dockhand-target: 2.8\nversion: 0.1\nhttp:\n  secret: s\nstorage:\n  inmemory:\n  cache:\n    blobdescriptor: redis\nredis:\n  addr: redis:6379 # keep me\n  pool:\n    maxidle: 4\n',
  );
  const doc = await vscode.workspace.openTextDocument(file);
  await api.linter.lintNow(doc);
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, all);
  const migrate = actions.find((a) => a.title.startsWith('Migrate to registry 3.1'));
  assert.ok(migrate?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(migrate.edit));
  assert.match(doc.getText(), /# dockhand-target: 3\.1/);
  assert.match(doc.getText(), /addrs: \[redis:6379\] # keep me/);
  assert.match(doc.getText(), /maxidleconns: 4/);
  const diags = await api.linter.lintNow(doc);
  assert.deepEqual(
    diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.code),
    [],
  );
  await doc.save();
});
