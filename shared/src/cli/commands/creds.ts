// `dockhand creds [REGISTRY[/REPOSITORY]] [--json]`: where credentials come from, never the
// secrets. Without REGISTRY: every registry (and podman namespace, "docker.io/library") known
// to any source. With it: the source the resolver picks for that host, or for that repository
// where a namespaced entry is more specific (the order is in credentials/store.ts), and the
// other sources that also know it.
import { createCredentialStore } from '../../credentials/store';
import { redactError } from '../../credentials/redact';
import { splitLookupTarget } from '../../credentials/registry-key';
import type { KnownRegistry } from '../../credentials/types';

/** "docker.io" or, for a namespaced entry, "docker.io/library/busybox". */
const entryName = (r: KnownRegistry) => (r.namespace ? `${r.host}/${r.namespace}` : r.host);
import { UsageError, printJson, type Command } from '../command';

export const credsCommand: Command = {
  name: 'creds',
  summary: 'Show which registries have credentials and where they come from (no secrets)',
  usage: 'dockhand creds [REGISTRY[/REPOSITORY]] [--json]',
  options: { json: { type: 'boolean' } },
  async run(args, ctx) {
    if (args.positionals.length > 1) throw new UsageError('give at most one REGISTRY');
    const json = Boolean(args.values.json);
    try {
      const store = createCredentialStore({ env: ctx.env });
      const listing = await store.list();
      if (args.positionals.length === 1) {
        const { host, repository } = splitLookupTarget(args.positionals[0]);
        const target = repository ? `${host}/${repository}` : host;
        const cred = await store.get(host, repository);
        const known = listing.registries.filter((r) => r.host === host);
        const used = cred
          ? { username: cred.username, source: cred.source, kind: cred.identityToken ? 'identity token' : cred.registryToken ? 'registry token' : 'password' }
          : undefined;
        if (json) {
          printJson(ctx, {
            host,
            ...(repository ? { repository } : {}),
            found: !!cred,
            used,
            alsoKnownIn: known.map((k) => ({ key: k.key, ...(k.namespace ? { namespace: k.namespace } : {}), source: k.source, username: k.username })),
            problems: listing.problems,
          });
        } else {
          if (used)
            ctx.stdout.write(`${target}: ${used.username ? `user ${used.username}, ` : ''}${used.kind} from ${used.source.detail} (${used.source.kind})\n`);
          else ctx.stdout.write(`${target}: no credential (anonymous access). Log in with \`dockhand login ${host}\` or \`docker login ${host}\`.\n`);
          for (const k of known) {
            if (used && k.source.detail === used.source.detail) continue;
            ctx.stdout.write(`  also in ${k.source.detail} (${k.source.kind})${k.namespace ? `, for ${k.host}/${k.namespace} only` : ''}\n`);
          }
          for (const p of listing.problems) ctx.stderr.write(`warning: ${p.message}\n`);
        }
        return cred ? 0 : 1;
      }
      if (json) {
        printJson(ctx, listing);
        return 0;
      }
      if (!listing.registries.length) ctx.stdout.write('No registry credentials found.\n');
      const rows = listing.registries.map((r) => [entryName(r), r.username ?? '', r.source.kind, r.source.detail]);
      const head = ['REGISTRY', 'USERNAME', 'SOURCE', 'WHERE'];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      if (rows.length) for (const r of [head, ...rows]) ctx.stdout.write(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ') + '\n');
      for (const p of listing.problems) ctx.stderr.write(`warning: ${p.message}\n`);
      return 0;
    } catch (err) {
      throw redactError(err);
    }
  },
};
