// credentials:* — every registry's credential and where it comes from (keychain, docker
// credential helper, config.json auths, containers auth.json). Never returns secrets.
import type { CredentialRow, DockhandApi } from '../../preload/api';
import type { MainContext } from '../main-context';

export function credentialHandlers(ctx: MainContext): DockhandApi['credentials'] {
  return {
    async list() {
      const store = ctx.credentials();
      const registries = await ctx.store.list();
      const listing = await store.list();
      const rows = new Map<string, CredentialRow>();
      for (const r of registries) {
        const row: CredentialRow = { host: r.host, registryId: r.id, inKeychain: false };
        try {
          const cred = await store.get(r.host);
          if (cred) { row.source = { kind: cred.source.kind, detail: cred.source.detail }; row.username = cred.username; }
        } catch (err) {
          row.source = { kind: 'error', detail: (err as Error).message };
        }
        rows.set(r.host, row);
      }
      for (const known of listing.registries) {
        const row = rows.get(known.host) ?? { host: known.host, inKeychain: false, username: known.username, source: { kind: known.source.kind, detail: known.source.detail } };
        if (known.source.kind === 'keychain') row.inKeychain = true;
        rows.set(known.host, row);
      }
      const out = [...rows.values()].sort((a, b) => a.host.localeCompare(b.host));
      for (const p of listing.problems) out.push({ host: `(${p.source})`, inKeychain: false, source: { kind: 'error', detail: p.message } });
      return out;
    },
  };
}
