// Builds the extension (dist/ and the in-host suites in out/) when its sources are newer
// than the build, and packages a .vsix with @vscode/vsce into a file private to this test
// process. Test files run in parallel processes: both steps run under one file lock.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { tempDir } from '../../bed/temp';

const run = promisify(execFile);
export const repoRoot = resolve(process.env.DOCKHAND_REPO_ROOT ?? join(import.meta.dirname, '../../..'));
export const extensionDir = join(repoRoot, 'extension');
export const inHostRunner = join(extensionDir, 'out/in-host.js');
export const extensionId = 'dockhand.dockhand';
const lockFile = join(tmpdir(), 'dockhand-extension-build.lock');

let packaged: Promise<string> | undefined;

/** Path of a freshly packaged .vsix (one per test process). */
export function packageVsix(): Promise<string> {
  packaged ??= (async () => {
    const out = join(tempDir('dockhand-vsix-'), 'dockhand.vsix');
    const script = `node '${join(import.meta.dirname, 'build-if-stale.mjs')}' . && npx vsce package --no-dependencies --out '${out}'`;
    await run('flock', [lockFile, 'sh', '-c', script], { cwd: extensionDir, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    if (!existsSync(out) || !existsSync(inHostRunner)) throw new Error(`packaging did not produce ${out} and ${inHostRunner}`);
    return out;
  })();
  return packaged;
}

/** The folder code-server unpacked the .vsix into. */
export function installedExtensionDir(extensionsDir: string, version: string): string {
  return join(extensionsDir, `${extensionId}-${version}`);
}
