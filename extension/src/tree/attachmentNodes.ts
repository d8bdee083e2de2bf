// Signatures, SBOMs and attestations in the Registries view: children of a tag (after its
// platforms or layers), one icon per kind; an attachment's own attachments (a signature on an
// SBOM) under it. Clicking one opens its content as formatted JSON (dockhand.openAttachment).
// Discoveries are cached per manifest digest until the repository is refreshed (registryModel.ts).
import * as vscode from 'vscode';
import type { Attachment, Discovery, RegistryTarget } from '../registry/registryApi';
import { formatBytes } from '@dockhand/shared/format';
import { COMMANDS } from '../commands/commandIds';

export interface AttachmentNode {
  kind: 'attachment';
  target: RegistryTarget;
  repo: string;
  attachment: Attachment;
  /** The subject is a platform of the tag's index, not the tag's own manifest. */
  onPlatform?: boolean;
}

const ICONS: Record<Attachment['kind'], string> = {
  signature: 'verified',
  sbom: 'checklist',
  provenance: 'git-commit',
  attestation: 'note',
  artifact: 'file-binary',
};

const LABELS: Record<Attachment['kind'], string> = {
  signature: 'Signature',
  sbom: 'SBOM',
  provenance: 'Provenance',
  attestation: 'Attestation',
  artifact: 'Artifact',
};

export function attachmentTreeItem(n: AttachmentNode): vscode.TreeItem {
  const a = n.attachment;
  const item = new vscode.TreeItem(
    `${LABELS[a.kind]}: ${a.format}`,
    a.attachments?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `attachment:${n.target.url}/${n.repo}@${a.subject}>${a.digest}`;
  item.iconPath = new vscode.ThemeIcon(ICONS[a.kind]);
  item.description = [
    a.platform ? `for ${a.platform}` : n.onPlatform ? `on platform ${a.subject.slice(7, 19)}` : undefined,
    formatBytes(a.size),
    a.created?.slice(0, 10),
  ]
    .filter(Boolean)
    .join(' · ');
  const md = new vscode.MarkdownString();
  md.appendText(`${LABELS[a.kind]} (${a.format})\n\n${a.digest}\n\nattached to ${a.subject}${a.tag ? `\n\ntag ${a.tag}` : ''}\n\nfound via ${a.source}`);
  if (a.predicateTypes?.length) md.appendText(`\n\npredicate: ${a.predicateTypes.join(', ')}`);
  item.tooltip = md;
  item.contextValue = `attachment.${a.kind}`;
  item.command = { title: 'Open', command: COMMANDS.openAttachment, arguments: [n] };
  item.accessibilityInformation = { label: `${LABELS[a.kind]}, ${a.format}, ${formatBytes(a.size)}` };
  return item;
}

/** Tree nodes for the discoveries of a tag's manifest (the tag's own first, then its platforms'). */
export function attachmentNodes(target: RegistryTarget, repo: string, discoveries: readonly Discovery[], top: string): AttachmentNode[] {
  return discoveries.flatMap((d) =>
    d.attachments.map((attachment): AttachmentNode => ({ kind: 'attachment', target, repo, attachment, ...(d.subject !== top ? { onPlatform: true } : {}) })),
  );
}

export function nestedAttachmentNodes(n: AttachmentNode): AttachmentNode[] {
  return (n.attachment.attachments ?? []).map((attachment) => ({ kind: 'attachment', target: n.target, repo: n.repo, attachment }));
}
