// `dockhand inspect REF [--json]`: platforms, layers, sizes and config of an image or index.
import { printJson, type Command } from '../command';
import { parseReference, manifestReference, formatReference } from '../../reference/reference';
import { formatPlatform } from '../../registry/manifest';
import { inspect, type Inspection } from '../../ops/inspect';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional, humanSize } from './registry-flags';
import { discoverImageAttachments, type Attachment } from '../../attachments/index';
import { attachmentLine, countText } from './attachments-text';

export function formatInspection(name: string, info: Inspection, attached?: Attachment[]): string {
  const lines = [
    `Name:       ${name}`,
    `Digest:     ${info.digest}`,
    `MediaType:  ${info.mediaType}`,
    `Total size: ${humanSize(info.totalSize)} (${info.totalSize} bytes, unique blobs and manifests)`,
    `Platforms:  ${info.platforms.filter((p) => !p.attestation).length}`,
  ];
  if (attached) lines.push(`Attached:   ${countText(attached)}${attached.length ? ' (dockhand referrers REF for details)' : ''}`);
  for (const p of info.platforms) {
    if (attached && p.attestation) continue; // listed under Attached
    lines.push('');
    lines.push(`${p.attestation ? 'Attestation' : 'Platform'} ${formatPlatform(p.platform)}  ${p.digest}`);
    lines.push(`  Size:     ${humanSize(p.size)} (${p.layers.length} layer${p.layers.length === 1 ? '' : 's'})`);
    const c = p.configSummary;
    if (c) {
      if (c.created) lines.push(`  Created:  ${c.created}`);
      if (c.entrypoint) lines.push(`  Entrypoint: ${JSON.stringify(c.entrypoint)}`);
      if (c.cmd) lines.push(`  Cmd:      ${JSON.stringify(c.cmd)}`);
      if (c.workingDir) lines.push(`  WorkDir:  ${c.workingDir}`);
      if (c.user) lines.push(`  User:     ${c.user}`);
      if (c.exposedPorts.length) lines.push(`  Ports:    ${c.exposedPorts.join(', ')}`);
      if (c.env.length) lines.push(`  Env:`, ...c.env.map((e) => `    ${e}`));
      const labels = Object.entries(c.labels);
      if (labels.length) lines.push(`  Labels:`, ...labels.map(([k, v]) => `    ${k}=${v}`));
    }
    for (const l of p.layers) lines.push(`  Layer ${l.digest}  ${humanSize(l.size)}`);
  }
  if (attached?.length) {
    lines.push('', 'Attached:');
    for (const a of attached) lines.push(...attachmentLine(a));
  }
  return lines.join('\n') + '\n';
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Show the platforms, layers, sizes and config of an image',
  usage: `dockhand inspect REF [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, ...registryOptionFlags },
  async run(args, ctx) {
    const ref = parseReference(onePositional(args, 'image reference'));
    return withClients(args, ctx, async (client) => {
      const c = client(ref.registry);
      const info = await inspect(c, ref.repository, manifestReference(ref), { signal: ctx.signal });
      const top = await c.getManifest(ref.repository, info.digest, { signal: ctx.signal });
      const attached = (await discoverImageAttachments(c, ref.repository, top, { signal: ctx.signal })).flatMap((d) => d.attachments);
      if (args.values.json) printJson(ctx, { ...info, attachmentCount: attached.length, attachments: attached });
      else ctx.stdout.write(formatInspection(formatReference(ref), info, attached));
      return 0;
    });
  },
};
