// Commands on signatures, SBOMs and attestations: open one as formatted JSON (its parsed
// content: in-toto statement, SBOM with its package list), and "Verify Signature…" on a tag
// (cosign signatures, sigstore bundles and Notation signatures checked offline with the trust
// file the user picks: verifyTrust.ts).
import * as vscode from 'vscode';
import { readFile, stat } from 'node:fs/promises';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { AttachmentNode, TagNode } from '../tree/nodes';
import type { Attachment, AttachmentDocument, RegistryTarget } from '../registry/registryApi';
import { trustFromFile, verifyMessage } from './verifyTrust';
import { selectedNode } from '../tree/selection';
import { flattenAttachments } from '@dockhand/shared/attachments';
import { COMMANDS } from './commandIds';
import { explainFailure, wordFailure } from '../errors/failureWording';
import { commandRegistrar } from './registerCommand';

const MAX_KEY_BYTES = 64 * 1024;

/** Opens an attachment's parsed content beside the current editor as a JSON document. */
export async function openAttachmentDocument(
  s: Services,
  target: RegistryTarget,
  repo: string,
  a: Attachment,
): Promise<{ doc: vscode.TextDocument; docs: AttachmentDocument[] }> {
  const docs = await s.registry.attachmentDocuments(target, repo, a);
  const { attachments: _nested, layers: _layers, ...summary } = a;
  const content = JSON.stringify(
    {
      attachment: summary,
      documents: docs.map((d) => ({
        format: d.format,
        layer: d.layer.digest,
        mediaType: d.layer.mediaType,
        ...(d.statement ? { predicateType: d.statement.predicateType, subjects: d.statement.subjects } : {}),
        ...(d.packages ? { packages: d.packages } : {}),
        ...(d.note ? { note: d.note } : {}),
        ...(d.json !== undefined ? { content: d.json } : {}),
      })),
    },
    null,
    2,
  );
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return { doc, docs };
}

/** The details webview's "Open" on an attachment: the JSON document, and for an SBOM its packages posted back to the webview. */
export async function openAttachmentFromDetails(
  s: Services,
  target: RegistryTarget,
  repo: string,
  a: Attachment,
  post: (m: {
    type: 'attachmentPackages';
    digest: string;
    format: string;
    packages: Array<{ name: string; version?: string; license?: string; purl?: string }>;
  }) => Thenable<boolean>,
): Promise<void> {
  const { docs } = await openAttachmentDocument(s, target, repo, a);
  if (a.kind !== 'sbom') return;
  const withPackages = docs.find((d) => d.packages);
  if (withPackages?.packages)
    await post({
      type: 'attachmentPackages',
      digest: a.digest,
      format: withPackages.statement ? `${withPackages.format} (${withPackages.statement.predicateType})` : withPackages.format,
      packages: withPackages.packages,
    });
}

/** "3 attachments go with it (1 signature, 1 SBOM, 1 provenance)" for a copy prompt, or '' (none, or they could not be listed). */
export async function attachmentsGoingAlong(tree: RegistriesTreeProvider, node: TagNode): Promise<string> {
  try {
    const digest = (await tree.inspect(node.target, node.repo, node.tag)).digest;
    const all = flattenAttachments(await tree.attachmentsOf(node.target, node.repo, digest));
    if (!all.length) return '';
    const counts = new Map<string, number>();
    for (const a of all) counts.set(a.kind === 'sbom' ? 'SBOM' : a.kind, (counts.get(a.kind === 'sbom' ? 'SBOM' : a.kind) ?? 0) + 1);
    return `${all.length} attachment${all.length === 1 ? '' : 's'} go${all.length === 1 ? 'es' : ''} with it (${[...counts].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`).join(', ')})`;
  } catch {
    return '';
  }
}

export function registerAttachmentCommands(s: Services, tree: RegistriesTreeProvider): vscode.Disposable[] {
  const cmd = commandRegistrar(s.log, tree);
  return [
    cmd(COMMANDS.openAttachment, async (given?: AttachmentNode) => {
      const node = selectedNode(given, 'attachment');
      if (!node) return;
      try {
        return (await openAttachmentDocument(s, node.target, node.repo, node.attachment)).doc;
      } catch (err) {
        s.log.error('open attachment', err);
        void vscode.window.showErrorMessage(wordFailure(`Opening ${node.attachment.kind} ${node.attachment.digest.slice(0, 19)}`, err).message);
        return undefined;
      }
    }),
    cmd(COMMANDS.verifySignature, async (given?: TagNode, keyFile?: string) => {
      const node = selectedNode(given, 'tag');
      if (!node) return;
      const reference = `${node.target.host}/${node.repo}:${node.tag}`;
      let file = keyFile;
      if (!file) {
        const picked = await vscode.window.showOpenDialog({
          title: `What to trust for ${reference}: a public key (cosign.pub), certificates (Notation) or trusted_root.json`,
          canSelectMany: false,
          openLabel: 'Verify with this file',
          filters: { 'Keys, certificates, trusted roots': ['pub', 'pem', 'key', 'crt', 'cer', 'json'], 'All files': ['*'] },
        });
        file = picked?.[0]?.fsPath;
      }
      if (!file) return;
      try {
        if ((await stat(file)).size > MAX_KEY_BYTES)
          throw new Error(`${file} is larger than ${MAX_KEY_BYTES} bytes: pick a public key, a certificate or a trusted root`);
        const { trust } = trustFromFile(file, await readFile(file, 'utf8'));
        const digest = (await tree.inspect(node.target, node.repo, node.tag)).digest;
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Verifying ${reference}`, cancellable: true },
          (_p, token) => {
            const ac = new AbortController();
            token.onCancellationRequested(() => ac.abort());
            return s.registry.verifySignatures(node.target, node.repo, digest, trust, ac.signal);
          },
        );
        const text = verifyMessage(reference, result);
        s.log.info(text);
        if (result.verified) void vscode.window.showInformationMessage(text);
        else void vscode.window.showWarningMessage(text);
        return result;
      } catch (err) {
        s.log.error('verify signature', err);
        void vscode.window.showErrorMessage(`Verifying ${reference} failed. ${explainFailure(err).text}`);
        return undefined;
      }
    }),
  ];
}
