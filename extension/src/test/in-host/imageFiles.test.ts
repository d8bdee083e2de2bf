// The dockhand-image: file system and the Browse Files / Compare with… commands, through the
// real VS Code API, against the bed's plain registry. The oracle is independent of Dockhand:
// the layer blob fetched raw, gunzipped by node:zlib and read by tar-stream.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { dockhand, plainRegistry, tagNode } from './api';
import { imageFileUri } from '../../files/imageFileSystem';

async function layerFileRaw(url: string, repo: string, tag: string, name: string): Promise<Buffer> {
  const m = (await (
    await fetch(`${url}/v2/${repo}/manifests/${tag}`, { headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } })
  ).json()) as { layers: Array<{ digest: string }> };
  const blob = Buffer.from(await (await fetch(`${url}/v2/${repo}/blobs/${m.layers[0]!.digest}`)).arrayBuffer());
  const ex = tarExtract();
  let found: Buffer | undefined;
  ex.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => chunks.push(c as Buffer));
    stream.on('end', () => {
      if (h.name.replace(/^\.\//, '') === name) found = Buffer.concat(chunks);
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve);
    ex.on('error', reject);
    ex.end(gunzipSync(blob));
  });
  if (!found) throw new Error(`${name} not in the first layer of ${repo}:${tag}`);
  return found;
}

test("files: the dockhand-image: file system lists, stats and reads an image's files, read-only", async () => {
  const { plain, seeded } = bedConfig();
  await dockhand();
  const reg = await plainRegistry();
  // 2.0 (the commands suite deletes 1.0 before this runs).
  const root = imageFileUri({ target: reg.target, repo: seeded.plainRepo, reference: '2.0', path: '' });
  assert.deepEqual(await vscode.workspace.fs.readDirectory(root), [['data', vscode.FileType.Directory]]);
  const file = vscode.Uri.joinPath(root, 'data', 'layer-0.bin');
  assert.equal(file.query, root.query, 'joinPath keeps the registry in the query');
  const expected = await layerFileRaw(plain.url, seeded.plainRepo, '2.0', 'data/layer-0.bin');
  const stat = await vscode.workspace.fs.stat(file);
  assert.equal(stat.type, vscode.FileType.File);
  assert.equal(stat.size, expected.length);
  assert.ok(stat.permissions !== undefined && (stat.permissions & vscode.FilePermission.Readonly) !== 0);
  assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(file)), expected);
  await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(file, Buffer.from('x'))), /read-only|NoPermissions|readonly/i);
  await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(root, 'nope'))), /EntryNotFound|FileNotFound/);
});

test('files: Browse Files opens a file of the tag; Compare with… shows what differs in a read-only document', async () => {
  const { seeded } = bedConfig();
  const reg = await plainRegistry();
  const uri = await vscode.commands.executeCommand<vscode.Uri>('dockhand.browseFiles', tagNode(reg, seeded.plainRepo, '2.0'), '/data/layer-0.bin');
  assert.equal(uri.scheme, 'dockhand-image');
  assert.match(uri.path, new RegExp(`/${seeded.plainRepo}/@2\\.0/data/layer-0\\.bin$`));
  assert.equal((await vscode.workspace.fs.stat(uri)).size, 400);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const doc = await vscode.commands.executeCommand<vscode.TextDocument>(
    'dockhand.compareImage',
    tagNode(reg, seeded.plainRepo, '2.0'),
    `${reg.target.host}/play/untag:b`,
  );
  assert.equal(doc.languageId, 'diff');
  // A read-only virtual document: never shown as modified, never asks to be saved.
  assert.equal(doc.uri.scheme, 'dockhand-compare');
  assert.equal(doc.isUntitled, false);
  assert.equal(doc.isDirty, false);
  const text = doc.getText();
  assert.match(text, /Layers: 0 shared, 1 only in A, 1 only in B/);
  assert.match(text, /~ \/data\/layer-0\.bin 100 B \[size, content: 400 B -> 100 B\]/);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});
