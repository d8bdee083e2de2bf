// Run under a file lock by vsix.ts: rebuilds the extension (node build.mjs in extension/)
// only when a source is newer than dist/extension.js or out/in-host.js.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const extensionDir = process.argv[2];
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) if (name !== 'node_modules') max = Math.max(max, newest(join(path, name)));
  return max;
}
const outputs = ['dist/extension.js', 'out/in-host.js'].map((p) => join(extensionDir, p)).map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0));
const sources = Math.max(...['src', 'webview', 'package.json', 'build.mjs', '../media/extension', '../shared/src'].map((p) => newest(join(extensionDir, p))));
if (Math.min(...outputs) <= sources) execFileSync(process.execPath, ['build.mjs'], { cwd: extensionDir, stdio: 'inherit' });
