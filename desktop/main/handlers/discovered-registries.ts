// Registries the user already signs in to elsewhere (docker config.json auths, credHelpers,
// credsStore, containers auth.json, Dockhand's keychain), listed without adding them, so a
// first run shows them at once. A discovered registry the user removed stays hidden.
import type { MainContext } from '../main-context';
import type { StoredRegistry } from '../registry-store';

export async function discoveredRegistries(ctx: MainContext, own: StoredRegistry[]): Promise<StoredRegistry[]> {
  let listing;
  try {
    listing = await ctx.credentials().list();
  } catch {
    return [];
  }
  const dismissed = new Set(await ctx.registries.dismissed());
  const seen = new Set(own.map((r) => r.host));
  const out: StoredRegistry[] = [];
  for (const known of listing.registries) {
    if (known.source.kind === 'session' || seen.has(known.host) || dismissed.has(known.host)) continue;
    try {
      out.push(ctx.registries.discovered(known.host));
      seen.add(known.host);
    } catch {
      // A key that is not a registry address (e.g. a helper's odd entry): not listed.
    }
  }
  return out.sort((a, b) => a.host.localeCompare(b.host));
}
