// "Browse Files" and "Compare with…" on a tag or platform in the Registries view.
//   Browse Files: index the image's layers (progress, Cancel), then a quick pick walks its
//   folders; a file opens read-only in a normal editor through the dockhand-image: provider.
//   Compare with…: pick another tag of the repository (or type any reference, even in another
//   registry) and see config, history, layers and files that differ, as a read-only document.
import { wordFailure } from '../errors/failureWording';
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { PlatformNode, TagNode } from '../tree/nodes';
import { selectedNode } from '../tree/selection';
import { formatBytes } from '@dockhand/shared/format';
import { parseReference, manifestReference, formatReference, registryUrlForHost } from '@dockhand/shared/reference';
import { formatPlatform } from '@dockhand/shared/registry';
import { diffImages } from '@dockhand/shared/image-files';
import { formatImageDiff } from '@dockhand/shared/image-files';
import type { MergedEntry } from '@dockhand/shared/image-files';
import type { ImageFiles, RegistryTarget } from '../registry/registryApi';
import { ImageFileSystemProvider, imageFileUri, type ImageLocation } from './imageFileSystem';
import { COMMANDS } from '../commands/commandIds';
import { commandRegistrar } from '../commands/registerCommand';
import { CompareDocuments, COMPARE_SCHEME } from './compareDocuments';

type ImageNode = TagNode | PlatformNode;

function locationOf(node: ImageNode): ImageLocation {
  if (node.kind === 'platform') return { target: node.target, repo: node.repo, reference: node.image.digest, path: '' };
  return { target: node.target, repo: node.repo, reference: node.tag, path: '' };
}

async function openWithProgress(fs: ImageFileSystemProvider, loc: ImageLocation): Promise<ImageFiles | undefined> {
  const name = `${loc.target.host}/${loc.repo}${loc.reference.startsWith('sha256:') ? '@' : ':'}${loc.reference}`;
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reading the files of ${name}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let last = 0;
        return fs.files(loc, {
          signal: controller.signal,
          onProgress: (p) => {
            if (Date.now() - last < 250 && !p.done) return;
            last = Date.now();
            progress.report({ message: `layer ${p.layer + 1}${p.fromCache ? ' (cached)' : `: ${formatBytes(p.bytes)} of ${formatBytes(p.size)}`}` });
          },
        });
      },
    );
  } catch (err) {
    const w = wordFailure(`Reading the files of ${name}`, err);
    if (w.show && !/cancel/i.test((err as Error).message)) void vscode.window.showErrorMessage(w.message);
    return undefined;
  }
}

interface EntryItem extends vscode.QuickPickItem {
  entry?: MergedEntry;
  up?: boolean;
}

function describe(e: MergedEntry): string {
  const layer = `layer ${e.layer + 1}`;
  if (e.type === 'dir') return layer;
  if (e.type === 'symlink') return `→ ${e.link ?? ''} · ${layer}`;
  if (e.type === 'file' || e.type === 'hardlink') return `${formatBytes(e.size)} · ${layer}`;
  return `${e.type} · ${layer}`;
}

/** Walk the image's folders in a quick pick; resolves with the file picked (or undefined). */
async function pickFile(files: ImageFiles, title: string): Promise<string | undefined> {
  let dir = '';
  for (;;) {
    const list = files.tree.list(dir) ?? [];
    const items: EntryItem[] = [
      ...(dir ? [{ label: '$(arrow-up) ..', description: 'parent folder', up: true }] : []),
      ...list.map((e): EntryItem => ({
        label: `${e.type === 'dir' ? '$(folder)' : e.type === 'symlink' ? '$(file-symlink-file)' : '$(file)'} ${e.path.slice(e.path.lastIndexOf('/') + 1)}`,
        description: describe(e),
        entry: e,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `${title} — /${dir}`,
      placeHolder: 'Pick a folder to open it, or a file to view it (read-only)',
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    if (picked.up) {
      dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
      continue;
    }
    const e = picked.entry!;
    const target = e.type === 'symlink' ? files.tree.resolve(e.path) : e;
    if (target?.type === 'dir') {
      dir = target.path;
      continue;
    }
    if (!target) {
      void vscode.window.showWarningMessage(`/${e.path} points to ${e.link}, which is not in the image`);
      continue;
    }
    return e.path;
  }
}

export function registerImageFilesCommands(s: Services, fs: ImageFileSystemProvider): vscode.Disposable[] {
  const cmd = commandRegistrar(s.log);
  const compared = new CompareDocuments();
  return [
    vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, compared),
    // `path` (for tests and links): open that file directly instead of asking.
    cmd(COMMANDS.browseFiles, async (given?: ImageNode, path?: string) => {
      const node = selectedNode(given, 'tag', 'platform');
      if (!node) return undefined;
      const loc = locationOf(node);
      const files = await openWithProgress(fs, loc);
      if (!files) return undefined;
      const title = `${node.repo}:${node.tag}${node.kind === 'platform' ? ` (${formatPlatform(node.image.platform)})` : ` (${formatPlatform(files.image.platform)})`}`;
      const chosen = path !== undefined ? path.replace(/^\/+/, '') : await pickFile(files, title);
      if (chosen === undefined) return undefined;
      const uri = imageFileUri({ ...loc, path: chosen });
      // vscode.open goes through the editor resolver: text gets a normal (read-only) editor with
      // highlighting and search, binary content VS Code's "binary file" notice.
      await vscode.commands.executeCommand('vscode.open', uri, { preview: true });
      return uri;
    }),
    // `other` (for tests): the reference to compare with, instead of asking.
    cmd(COMMANDS.compareImage, async (given?: ImageNode, other?: string) => {
      const node = selectedNode(given, 'tag', 'platform');
      if (!node) return undefined;
      const a = locationOf(node);
      let ref = other;
      if (ref === undefined) {
        const tags = await s.registry.listTags(node.target, node.repo).catch(() => [] as string[]);
        const typed = '$(edit) Another reference…';
        const pick = await vscode.window.showQuickPick(
          [
            ...tags.filter((t) => t !== node.tag).map((t) => ({ label: t, description: `${node.repo}:${t}` })),
            { label: typed, description: 'any registry, tag or digest' },
          ],
          { title: `Compare ${node.repo}:${node.tag} with…` },
        );
        if (!pick) return undefined;
        ref =
          pick.label === typed
            ? await vscode.window.showInputBox({
                title: 'Compare with',
                prompt: 'An image reference, e.g. registry:5000/team/app:1.2 or …@sha256:…',
                ignoreFocusOut: true,
              })
            : `${node.target.host}/${node.repo}:${pick.label}`;
        if (!ref) return undefined;
      }
      let parsed;
      try {
        parsed = parseReference(ref);
      } catch (err) {
        void vscode.window.showErrorMessage(wordFailure(`Comparing with ${ref}`, err).message);
        return undefined;
      }
      const bTarget: RegistryTarget = parsed.registry === node.target.host ? node.target : { url: registryUrlForHost(parsed.registry), host: parsed.registry };
      const b: ImageLocation = { target: bTarget, repo: parsed.repository, reference: manifestReference(parsed), path: '' };
      const [fa, fb] = [await openWithProgress(fs, a), await openWithProgress(fs, b)];
      if (!fa || !fb) return undefined;
      const nameA = `${node.target.host}/${node.repo}${a.reference.startsWith('sha256:') ? '@' : ':'}${a.reference}`;
      const text = formatImageDiff(diffImages(fa, fb, { a: nameA, b: formatReference(parsed) }));
      const doc = await compared.open(nameA, formatReference(parsed), text);
      await vscode.window.showTextDocument(doc, { preview: true });
      return doc;
    }),
  ];
}
