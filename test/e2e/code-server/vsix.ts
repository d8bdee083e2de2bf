// Builds the extension (dist/ and the in-host suites in dist-test/) and packages the .vsix
// with @vscode/vsce, once per test process.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = resolve(process.env.DOCKHAND_REPO_ROOT ?? join(import.meta.dirname, '../../..'));
export const extensionDir = join(repoRoot, 'extension');
export const vsixPath = join(extensionDir, 'dist-vsix/dockhand.vsix');
export const inHostRunner = join(extensionDir, 'out/in-host.js');
export const extensionId = 'dockhand.dockhand';

let packaged: Promise<string> | undefined;

export function packageVsix(): Promise<string> {
  packaged ??= (async () => {
    await run('npm', ['run', 'package'], { cwd: extensionDir, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    if (!existsSync(vsixPath) || !existsSync(inHostRunner)) throw new Error(`packaging did not produce ${vsixPath} and ${inHostRunner}`);
    return vsixPath;
  })();
  return packaged;
}

/** The folder code-server unpacked the .vsix into. */
export function installedExtensionDir(extensionsDir: string, version: string): string {
  return join(extensionsDir, `${extensionId}-${version}`);
}
