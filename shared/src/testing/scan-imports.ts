// The imports of the repository's TypeScript sources (shared/src, extension/, desktop/), for the layer rule
// (layer-rule.ts). Tests only. Uses TypeScript's own pre-processor: static and dynamic imports, re-exports.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import type { ImportEdge } from './layer-rule';

const SKIP = new Set(['node_modules', 'dist', 'out', 'build', 'dist-vsix', '.vscode-test']);

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP.has(e.name) && !e.name.startsWith('.')) sources(join(dir, e.name), out);
    } else if (/\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(join(dir, e.name));
  }
  return out;
}

/** Every import edge of the sources under `roots` (repository-relative directories). */
export function scanImports(repoRoot: string, roots: readonly string[] = ['shared/src', 'extension', 'desktop']): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const r of roots) {
    for (const file of sources(join(repoRoot, r))) {
      const from = relative(repoRoot, file).split(sep).join('/');
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const f of info.importedFiles) edges.push({ from, specifier: f.fileName });
    }
  }
  return edges;
}

/** The front doors: the keys of shared/package.json "exports", without "./". */
export function frontDoors(repoRoot: string): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'shared/package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  return Object.keys(pkg.exports ?? {}).map((k) => k.replace(/^\.\//, ''));
}
