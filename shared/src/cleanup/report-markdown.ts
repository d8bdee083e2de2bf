// Markdown renderings of a size report and a purge plan, for front ends that show a document
// (the VS Code extension) or render Markdown. Pure; sizes in binary units plus exact bytes.
import type { RepositorySize } from './size-report';
import type { PurgePlan } from './plan';
import type { ApplyResult } from './apply';
import { formatBytes } from '../format/bytes';

export { formatBytes };

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function sizeMarkdown(r: RepositorySize): string {
  const lines = [
    `# Size of ${r.registry}/${r.repository}`,
    '',
    `**Stored: ${formatBytes(r.storedBytes)}** (${r.storedBytes} bytes; layers and configs ${formatBytes(r.blobBytes)}, manifests ${formatBytes(r.manifestBytes)}; each blob counted once) in ${r.tags.length} tags, ${r.manifestCount} manifests, ${r.blobCount} blobs.`,
    '',
    '*Unique*: bytes only this tag uses (deleting it alone lets garbage collection free them, unless another repository uses them). *Shared*: bytes other tags use too.',
    '',
    '| Tag | Size | Unique | Shared | Digest | Created |',
    '| --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const t of [...r.tags].sort((a, b) => b.uniqueBytes - a.uniqueBytes || a.tag.localeCompare(b.tag))) {
    lines.push(
      `| ${cell(t.tag)}${t.aliases.length ? ` (= ${t.aliases.map(cell).join(', ')})` : ''} | ${formatBytes(t.size)} | ${formatBytes(t.uniqueBytes)} | ${formatBytes(t.sharedBytes)} | \`${t.digest.slice(0, 19)}\` | ${t.created ?? ''} |`,
    );
    for (const p of t.platforms)
      lines.push(`| &nbsp;&nbsp;↳ ${cell(p.platform)}${p.attestation ? ' (attestation)' : ''} | ${formatBytes(p.size)} | | | \`${p.digest.slice(0, 19)}\` | |`);
  }
  for (const n of r.notes) lines.push('', `> ${n}`);
  return lines.join('\n') + '\n';
}

export function planMarkdown(plan: PurgePlan, result?: ApplyResult): string {
  const remove = plan.tags.filter((t) => t.action !== 'keep');
  const keep = plan.tags.filter((t) => t.action === 'keep');
  const lines = [
    `# Clean-up plan for ${plan.registry}/${plan.repository}`,
    '',
    `Policy: ${plan.policy}`,
    '',
    `**${remove.length} tags to remove, ${plan.deleteManifests.length} manifests to delete, ${keep.length} tags kept. A garbage collection afterwards would free ${formatBytes(plan.freed.bytes)}** (${plan.freed.bytes} bytes in ${plan.freed.objects.length} blobs${plan.freed.heldByOtherRepositories.count ? `; ${formatBytes(plan.freed.heldByOtherRepositories.bytes)} stays because other repositories use it` : ''}).`,
    '',
    '## Tags to remove',
    '',
    '| Tag | Action | Created | Why |',
    '| --- | --- | --- | --- |',
    ...remove.map(
      (t) => `| ${cell(t.tag)} | ${t.action === 'untag' ? 'untag only (manifest kept)' : 'delete manifest'} | ${t.created ?? ''} | ${cell(t.reason)} |`,
    ),
    '',
    '## Manifests to delete',
    '',
    ...plan.deleteManifests.map(
      (d) =>
        `- \`${d.digest}\`${d.tags.length ? ` — tags ${d.tags.join(', ')}` : d.platform ? ` — platform ${d.platform} of \`${d.parent?.slice(0, 19)}\`` : ''}`,
    ),
    '',
    '## Tags kept',
    '',
    '| Tag | Created | Why |',
    '| --- | --- | --- |',
    ...keep.map((t) => `| ${cell(t.tag)} | ${t.created ?? ''} | ${cell(t.reason)} |`),
  ];
  for (const n of plan.notes) lines.push('', `> ${n}`);
  if (result) {
    lines.push(
      '',
      '## Result',
      '',
      `Deleted ${result.deleted.length} manifests, untagged ${result.untagged.length} tags; ${result.failed.length} failed, ${result.skipped.length} skipped.`,
    );
    for (const f of result.failed) lines.push(`- failed: ${f.action} ${f.target}: ${f.error}`);
    for (const s of result.skipped) lines.push(`- skipped: ${s.action} ${s.target}: ${s.reason}`);
    lines.push('', result.garbageCollectHint);
  }
  return lines.join('\n') + '\n';
}
