// storage: exactly one driver, registered in the target version (configuration.go Storage,
// registry/storage/driver/factory). maintenance/cache/delete/redirect (and tag in 3.x) are not drivers.
import { keyText, type RuleContext } from '../rule-context';
import { deref, type YMap, type YNode, type YPair } from '../yaml-tree';
import { DEBIAN_28_DRIVERS, DRIVERS, NON_DRIVER_KEYS } from '../spec/storage-spec';
import { didYouMean } from '../did-you-mean';
import { clip, listNames } from '../limits';
import { deletePair, insertKeys } from '../fixes';
import type { Fix } from '../types';
import type { Rule } from './rule';

export const storageDriverRule: Rule = {
  codes: ['storage-missing', 'storage-driver-count', 'storage-driver-unknown', 'storage-driver-build'],
  check(ctx: RuleContext) {
    const root = ctx.rootMap;
    if (!root) return;
    const pair = ctx.get(['storage']);
    const v = deref(pair?.value);
    const nonDrivers: readonly string[] = NON_DRIVER_KEYS[ctx.version];
    let drivers: { name: string; node: YNode; pair?: YPair }[] = [];
    if (v && v.kind === 'scalar' && !(v.style === 1 && ['', '~', 'null', 'Null', 'NULL'].includes(v.value))) {
      drivers = nonDrivers.includes(v.value) ? [] : [{ name: v.value, node: v }];
    } else if (v && v.kind === 'map') {
      const seen = new Set<string>();
      for (const p of v.pairs) {
        const k = keyText(p.key);
        if (nonDrivers.includes(k) || seen.has(k)) continue;
        seen.add(k);
        drivers.push({ name: k, node: p.key, pair: p });
      }
    } else if (v && v.kind !== 'scalar') {
      return; // type-mismatch from the schema walk
    }
    if (!drivers.length) {
      ctx.report({
        code: 'storage-missing',
        severity: 'error',
        message: `No storage driver configured (no storage configuration provided): the registry refuses to start. Add one, e.g. filesystem with a rootdirectory.`,
        node: pair?.key,
        fix: addFilesystem(ctx, root, pair),
      });
      return;
    }
    if (drivers.length > 1) {
      const names = listNames(drivers.map((d) => d.name));
      const tagNote = ctx.version === '2.8' && drivers.some((d) => d.name === 'tag') ? ' In 2.8 a `tag` block counts as a driver.' : '';
      for (const d of drivers.slice(1)) {
        ctx.report({
          code: 'storage-driver-count',
          severity: 'error',
          message: `More than one storage driver (${names}): the registry needs exactly one and refuses to start.${tagNote}`,
          node: d.node,
          fix: d.pair && deletePair(ctx, d.pair, `Remove the ${d.name} driver`),
        });
      }
      return;
    }
    const { name, node } = drivers[0];
    const known: readonly string[] = DRIVERS[ctx.version];
    if (!known.includes(name)) {
      const removed = ctx.version === '3' && (DRIVERS['2.8'] as readonly string[]).includes(name);
      const sug = ctx.canReport('error') ? didYouMean(name, known) : undefined;
      ctx.report({
        code: 'storage-driver-unknown',
        severity: 'error',
        message: removed
          ? `The ${name} storage driver was removed in 3.x: the registry refuses to start (StorageDriver not registered).`
          : `Unknown storage driver ${clip(name)} (StorageDriver not registered): the registry refuses to start.${sug ? ` Did you mean ${sug}?` : ''} Drivers: ${known.join(', ')}.`,
        node,
        fix: sug && !removed ? ctx.replace(node, sug, `Rename to ${sug}`) : undefined,
      });
      return;
    }
    if (ctx.version === '2.8' && !DEBIAN_28_DRIVERS.includes(name)) {
      ctx.report(
        ctx.debian
          ? {
              code: 'storage-driver-build',
              severity: 'error',
              message: `Debian's docker-registry 2.8.2 has no ${name} driver (only ${DEBIAN_28_DRIVERS.join(', ')}): it refuses to start (StorageDriver not registered). The upstream registry image has it.`,
              node,
            }
          : {
              code: 'storage-driver-build',
              severity: 'warning',
              message: `The ${name} driver is not in every 2.8 build (Debian's docker-registry 2.8.2 has only ${DEBIAN_28_DRIVERS.join(', ')}; check with \`# dockhand-target: 2.8-debian\`).`,
              node,
            },
      );
    }
  },
};

const FILESYSTEM = ['filesystem:', '  rootdirectory: /var/lib/registry'];

/** "Add a filesystem driver": into the storage block, or a new storage block (none when storage is a scalar or flow map). */
function addFilesystem(ctx: RuleContext, root: YMap, pair: YPair | undefined): Fix | undefined {
  const title = 'Add a filesystem driver (rootdirectory /var/lib/registry)';
  const v = deref(pair?.value);
  if (v && v.kind === 'map' && v.pairs.length) return insertKeys(ctx, v, FILESYSTEM, title);
  if (pair) return undefined;
  return insertKeys(ctx, root, ['storage:', ...FILESYSTEM.map((l) => `  ${l}`)], title);
}
