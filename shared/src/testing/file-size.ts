// The file-size rule of issue 20: no source file of shared/src, extension/ or desktop/ over
// MAX_SOURCE_LINES lines, tests and schemas aside (a bigger file is split along its seams).
// Tests only (file-size.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const MAX_SOURCE_LINES = 400;

const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'dist-vsix', '.vscode-test', 'test', 'tests', 'fixtures']);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|css|html)$/;

/** A test or a schema: outside the rule. */
export function isExempt(path: string): boolean {
  const name = path.split('/').pop()!;
  return /\.(test|spec)\.[cm]?[jt]sx?$/.test(name) || name.endsWith('.d.ts') || /(^|\/)schemas?\//.test(path) || /schema/i.test(name);
}

/** The files over `max` lines, as "path: N lines (max M)", minus those in `allowed`. */
export function oversizeFiles(
  files: ReadonlyArray<{ path: string; lines: number }>,
  allowed: ReadonlySet<string> = new Set(),
  max = MAX_SOURCE_LINES,
): string[] {
  return files
    .filter((f) => !isExempt(f.path) && !allowed.has(f.path) && f.lines > max)
    .map((f) => `${f.path}: ${f.lines} lines (at most ${max}; split it along its seams)`);
}

/** Line counts of the source files under `roots` (repository-relative, "/"-separated paths). */
export function sourceLineCounts(repoRoot: string, roots: readonly string[] = ['shared/src', 'extension', 'desktop']): Array<{ path: string; lines: number }> {
  const out: Array<{ path: string; lines: number }> = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(join(dir, e.name));
      } else if (e.isFile() && SOURCE.test(e.name)) {
        const text = readFileSync(join(dir, e.name), 'utf8');
        const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
        out.push({ path: relative(repoRoot, join(dir, e.name)).split(sep).join('/'), lines });
      }
    }
  };
  for (const r of roots) walk(join(repoRoot, r));
  return out;
}
