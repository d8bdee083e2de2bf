// credentials:* — every registry's credential and where it comes from (keychain,
// DOCKER_AUTH_CONFIG, docker credential helper, config.json auths, containers auth.json), plus
// one row per podman namespace entry ("docker.io/library"). Never returns secrets.
import type { CredentialRow, DockhandApi } from '../../common';
import type { MainContext } from '../main-context';
import { errorText } from '../error-info';

export function credentialHandlers(ctx: MainContext): DockhandApi['credentials'] {
  return {
    async list() {
      const store = ctx.credentials();
      const registries = await ctx.registries.list();
      const listing = await store.list();
      const rows = new Map<string, CredentialRow>();
      for (const r of registries) {
        const row: CredentialRow = { host: r.host, registryId: r.id, inKeychain: false };
        try {
          const cred = await store.get(r.host);
          if (cred) {
            row.source = { kind: cred.source.kind, detail: cred.source.detail };
            row.username = cred.username;
          }
        } catch (err) {
          row.source = { kind: 'error', detail: errorText(err) };
        }
        rows.set(r.host, row);
      }
      for (const known of listing.registries) {
        if (known.namespace) {
          // A podman namespace ("docker.io/library"): its own row, showing what a lookup for it picks (the most specific entry, unless an earlier source has one).
          const name = `${known.host}/${known.namespace}`;
          if (rows.has(name)) continue;
          const row: CredentialRow = { host: name, inKeychain: false };
          try {
            const cred = await store.get(known.host, known.namespace);
            if (cred) {
              row.source = { kind: cred.source.kind, detail: cred.source.detail };
              row.username = cred.username;
            }
          } catch (err) {
            row.source = { kind: 'error', detail: errorText(err) };
          }
          rows.set(name, row);
          continue;
        }
        const row = rows.get(known.host) ?? {
          host: known.host,
          inKeychain: false,
          username: known.username,
          source: { kind: known.source.kind, detail: known.source.detail },
        };
        if (known.source.kind === 'keychain') row.inKeychain = true;
        rows.set(known.host, row);
      }
      const out = [...rows.values()].sort((a, b) => a.host.localeCompare(b.host));
      for (const p of listing.problems) out.push({ host: `(${p.source})`, inKeychain: false, source: { kind: 'error', detail: errorText(p.message) } });
      return out;
    },
  };
}
