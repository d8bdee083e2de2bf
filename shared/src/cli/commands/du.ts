// `dockhand du REPO|REGISTRY [--json]`: storage used per tag (size, bytes unique to it, bytes
// shared with other tags) and per repository (each blob once); for a registry, every
// repository and what they share. Sizes are as stored (compressed layers).
import { printJson, type Command } from '../command';
import { parseRegistry, parseRepository } from '../../reference/reference';
import { analyzeRegistry, analyzeRepository } from '../../cleanup/analyze';
import type { RepositorySize } from '../../cleanup/size-report';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional, humanSize } from './registry-flags';

function table(rows: string[][]): string {
  // A loop, not Math.max(...column): a spread of 130,000 rows overflows the stack.
  const widths = rows[0]!.map((_, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), 0));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

export function repositoryText(r: RepositorySize): string {
  const rows = [['TAG', 'SIZE', 'UNIQUE', 'SHARED', 'ATTACHED', 'DIGEST']];
  for (const t of [...r.tags].sort((a, b) => b.uniqueBytes - a.uniqueBytes || a.tag.localeCompare(b.tag))) {
    const attached = t.attachments ? `${t.attachments} (${humanSize(t.attachmentBytes)})` : '-';
    rows.push([t.tag, humanSize(t.size), humanSize(t.uniqueBytes), humanSize(t.sharedBytes), attached, t.digest.slice(0, 19)]);
    for (const p of t.platforms) rows.push([`  ${p.platform}${p.attestation ? ' (attestation)' : ''}`, humanSize(p.size), '', '', '', p.digest.slice(0, 19)]);
  }
  const out = [
    `${r.registry}/${r.repository}: ${r.tags.length} tags, ${r.manifestCount} manifests, ${r.blobCount} blobs`,
    table(rows).trimEnd(),
    `Stored: ${humanSize(r.storedBytes)} (${r.storedBytes} bytes: layers and configs ${r.blobBytes}, manifests ${r.manifestBytes}; each blob once)`,
  ];
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}

export const duCommand: Command = {
  name: 'du',
  summary: 'Show the storage a repository (per tag: unique and shared bytes) or a whole registry uses',
  usage: `dockhand du REPO|REGISTRY [--json] [--dates] ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, dates: { type: 'boolean' }, ...registryOptionFlags },
  async run(args, ctx) {
    const target = onePositional(args, 'repository or registry host');
    const isRepo = target
      .replace(/^https?:\/\//i, '')
      .replace(/\/+$/, '')
      .includes('/');
    return withClients(args, ctx, async (client) => {
      if (isRepo) {
        const ref = parseRepository(target);
        const r = await analyzeRepository(client(ref.registry), ref.repository, { signal: ctx.signal, withCreated: Boolean(args.values.dates) });
        if (args.values.json) printJson(ctx, r);
        else ctx.stdout.write(repositoryText(r));
        return 0;
      }
      const host = parseRegistry(target);
      const reg = await analyzeRegistry(client(host), { signal: ctx.signal, withCreated: Boolean(args.values.dates) });
      if (args.values.json) {
        printJson(ctx, reg);
        return 0;
      }
      const rows = [['REPOSITORY', 'TAGS', 'STORED', 'EXCLUSIVE', 'SHARED', '']];
      for (const r of [...reg.repositories].sort((a, b) => b.storedBytes - a.storedBytes)) {
        rows.push([
          r.repository,
          String(r.tags.length),
          humanSize(r.storedBytes),
          humanSize(r.exclusiveBytes),
          humanSize(r.sharedWithOtherRepositoriesBytes),
          '',
        ]);
      }
      ctx.stdout.write(table(rows));
      ctx.stdout.write(
        `${host}: ${reg.repositories.length} repositories, ${humanSize(reg.storedBytes)} stored (${reg.storedBytes} bytes, each blob once; ${humanSize(reg.sumOfRepositoriesBytes)} if repositories shared nothing)\n`,
      );
      ctx.stdout.write(
        'EXCLUSIVE: bytes no other repository uses (the most that deleting the repository could free); SHARED: bytes other repositories also use.\n',
      );
      for (const n of reg.notes) ctx.stdout.write(`note: ${n}\n`);
      return 0;
    });
  },
};
