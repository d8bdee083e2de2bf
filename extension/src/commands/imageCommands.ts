// Commands on tags and platforms: pull into the local engine, copy the pull command, copy
// the digest, open the raw manifest, open image details.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { PlatformNode, TagNode } from '../tree/nodes';
import { imageRef } from '../tree/nodes';
import { configUri, manifestUri } from './manifestDocument';
import { formatPlatform } from '@dockhand/shared/registry';
import { engineProgressReporter } from './progressReporter';
import { selectedNode } from '../tree/selection';
import { COMMANDS } from './commandIds';
import { commandRegistrar } from './registerCommand';

type ImageNode = TagNode | PlatformNode;

async function digestOf(tree: RegistriesTreeProvider, node: ImageNode): Promise<string> {
  if (node.kind === 'platform') return node.image.digest;
  return (await tree.inspect(node.target, node.repo, node.tag)).digest;
}

export function registerImageCommands(s: Services, tree: RegistriesTreeProvider, openDetails: (node: TagNode) => Promise<unknown>): vscode.Disposable[] {
  const cmd = commandRegistrar(s.log, tree);
  return [
    cmd(COMMANDS.copyPullCommand, async (given?: ImageNode) => {
      const node = selectedNode(given, 'tag', 'platform');
      if (!node) return;
      const ref = node.kind === 'platform' ? imageRef(node, node.image.digest) : imageRef(node);
      const text = `docker pull ${ref}`;
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(`Copied: ${text}`, 3000);
      return text;
    }),
    cmd(COMMANDS.copyDigest, async (given?: ImageNode) => {
      const node = selectedNode(given, 'tag', 'platform');
      if (!node) return;
      const digest = await digestOf(tree, node);
      await vscode.env.clipboard.writeText(digest);
      void vscode.window.setStatusBarMessage(`Copied ${digest}`, 3000);
      return digest;
    }),
    cmd(COMMANDS.openManifest, async (given?: ImageNode) => {
      const node = selectedNode(given, 'tag', 'platform');
      if (!node) return;
      const uri = manifestUri(node.target, node.repo, node.kind === 'platform' ? node.image.digest : node.tag);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'json');
      await vscode.window.showTextDocument(doc, { preview: true });
      return doc;
    }),
    // The image config (env, entrypoint, history, rootfs) as JSON. A multi-platform tag asks which platform.
    cmd(COMMANDS.openConfig, async (given?: ImageNode, platform?: string) => {
      const node = selectedNode(given, 'tag', 'platform');
      if (!node) return undefined;
      let image = node.kind === 'platform' ? node.image : undefined;
      if (!image) {
        const runnable = (await tree.inspect(node.target, node.repo, node.tag)).platforms.filter((p) => !p.attestation);
        const items = runnable.map((p) => ({ label: formatPlatform(p.platform), image: p }));
        const chosen =
          platform !== undefined
            ? items.find((i) => i.label === platform)
            : items.length === 1
              ? items[0]
              : await vscode.window.showQuickPick(items, { title: `Config of ${node.repo}:${node.tag}: which platform?` });
        if (!chosen) return undefined;
        image = chosen.image;
      }
      const doc = await vscode.workspace.openTextDocument(configUri(node.target, node.repo, image.config.digest));
      await vscode.languages.setTextDocumentLanguage(doc, 'json');
      await vscode.window.showTextDocument(doc, { preview: true });
      return doc;
    }),
    cmd(COMMANDS.imageDetails, (given?: TagNode) => {
      const node = selectedNode(given, 'tag');
      return node && openDetails(node);
    }),
    cmd(COMMANDS.pull, async (given?: ImageNode) => {
      const node = selectedNode(given, 'tag', 'platform');
      if (!node) return;
      const ref = node.kind === 'platform' ? imageRef(node, node.image.digest) : imageRef(node);
      const engine = await s.engine();
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Pulling ${ref}`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return engine.pullImage(ref, { credentials: s.store, signal: controller.signal, onProgress: engineProgressReporter(progress) });
        },
      );
      s.log.info(`pulled ${ref}${result.digest ? ` (${result.digest})` : ''}`);
      void vscode.commands.executeCommand(COMMANDS.localImagesRefresh);
      void vscode.window.showInformationMessage(`Pulled ${ref}.`);
      return result;
    }),
  ];
}
