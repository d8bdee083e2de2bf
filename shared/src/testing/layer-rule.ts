// The dependency rule of Dockhand, as data and a check (tests only; see layers.test.ts):
//
//   reference (+ format, tags, files) <- credentials <- transport <- registry (+ events) <- ops / engine / image-files
//     <- attachments / sandbox / activity <- cleanup <- cli;   config beside them (it imports only format and files; only cli imports it)
//
// A module of shared/src may import its own files and the modules of lower tiers, never those of its tier or above.
// The front ends (extension/, desktop/) import shared only through its front doors: "@dockhand/shared/<door>" where
// <door> is a key of shared/package.json "exports" (never a file inside a module, never a relative path into shared/).
// shared/ imports nothing of the front ends, vscode or electron.
import { posix } from 'node:path';

/** Tiers from the bottom: a module may import modules of lower tiers only. */
export const TIERS: readonly (readonly string[])[] = [
  ['reference', 'format', 'tags', 'files'],
  ['credentials'],
  ['transport'],
  ['registry', 'testing', 'events'], // events: its store names the state folder (files) and knows Dockhand's User-Agent (transport)
  ['ops', 'engine', 'image-files'],
  ['attachments', 'sandbox', 'activity'],
  ['cleanup'],
  ['cli'],
];

/** Modules beside the tiers: what each may import, and who may import it. */
export const BESIDE: Readonly<Record<string, { imports: readonly string[]; importedBy: readonly string[] }>> = {
  config: { imports: ['format', 'files'], importedBy: ['cli'] },
};

/** One import: the importing file (repository-relative, "/" separators) and its module specifier as written. */
export interface ImportEdge {
  from: string;
  specifier: string;
}

function tierOf(module: string): number | undefined {
  const i = TIERS.findIndex((t) => t.includes(module));
  return i < 0 ? undefined : i;
}

/** Whether shared module `from` may import shared module `to`. */
export function mayImport(from: string, to: string): boolean {
  if (from === to) return true;
  const beside = BESIDE[from];
  if (beside) return beside.imports.includes(to);
  const target = BESIDE[to];
  if (target) return target.importedBy.includes(from);
  const a = tierOf(from);
  const b = tierOf(to);
  return a !== undefined && b !== undefined && b < a;
}

function isTestFile(path: string): boolean {
  return /\.test\.tsx?$/.test(path);
}

/** The module of a path under shared/src ("registry" for shared/src/registry/client.ts), or undefined. */
function sharedModule(path: string): string | undefined {
  const m = /^shared\/src\/([^/]+)\//.exec(path);
  return m?.[1];
}

/** Every break of the rule among `edges`, one line each (empty when the tree keeps it). */
export function checkLayers(edges: readonly ImportEdge[], frontDoors: readonly string[]): string[] {
  const out: string[] = [];
  for (const { from, specifier } of edges) {
    const relative = specifier.startsWith('.');
    const resolved = relative ? posix.normalize(posix.join(posix.dirname(from), specifier)) : undefined;
    const fromModule = sharedModule(from);
    if (from.startsWith('shared/')) {
      if (isTestFile(from)) continue; // a module's tests may use what they need to set a case up
      if (!relative) {
        if (/^(vscode|electron)(\/|$)/.test(specifier) || specifier.startsWith('@dockhand/')) out.push(`${from}: shared/ must not import "${specifier}"`);
        continue;
      }
      const toModule = resolved && sharedModule(resolved);
      if (!resolved?.startsWith('shared/')) {
        out.push(`${from}: shared/ must not import "${specifier}" (outside shared/)`);
        continue;
      }
      if (!fromModule || !toModule) continue; // shared/ root files (build scripts)
      if (tierOf(fromModule) === undefined && !BESIDE[fromModule])
        out.push(`${from}: the module "${fromModule}" has no place in the layer order (add it to TIERS in shared/src/testing/layer-rule.ts)`);
      else if (!mayImport(fromModule, toModule))
        out.push(
          `${from}: "${fromModule}" must not import "${toModule}" ("${specifier}"): the layer order is ${TIERS.map((t) => t.join('/')).join(' <- ')}, config beside`,
        );
      continue;
    }
    if (from.startsWith('extension/') || from.startsWith('desktop/')) {
      if (specifier === '@dockhand/shared' || specifier.startsWith('@dockhand/shared/')) {
        const door = specifier.slice('@dockhand/shared/'.length);
        if (!frontDoors.includes(door))
          out.push(
            `${from}: imports "${specifier}", inside a shared module; import its front door (one of ${frontDoors.map((d) => `@dockhand/shared/${d}`).join(', ')})`,
          );
      } else if (resolved && (resolved === 'shared' || resolved.startsWith('shared/'))) {
        out.push(`${from}: imports shared/ by a relative path ("${specifier}"); import its front door "@dockhand/shared/<module>"`);
      }
    }
  }
  return out;
}
