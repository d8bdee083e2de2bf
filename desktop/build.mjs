// Bundles the desktop app with esbuild into dist/:
//   main.js      Electron main process (node, cjs; electron and npm packages external)
//   preload.js   sandboxed preload (only `electron` external: a sandboxed preload cannot require files)
//   server.js    served mode (`npm run serve`), same handlers as main.js, no electron
//   renderer/    index.html, renderer.js (browser IIFE), renderer.css
// @dockhand/shared is TypeScript source and is bundled in; other packages stay external
// (they are installed in the workspace, and keytar is a native module).
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
const production = process.env.NODE_ENV === 'production';

/** Keep bare package imports external, except our own workspace sources. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@dockhand/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const common = { bundle: true, sourcemap: true, logLevel: 'warning', minify: production, absWorkingDir: here };

/** A bundle for Node (the Electron main process, the preload script, the served-mode server). */
function nodeBundle(entry, outfile, extra) {
  return build({ ...common, entryPoints: [entry], outfile, platform: 'node', target: 'node20', format: 'cjs', ...extra });
}

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'renderer'), { recursive: true });
await Promise.all([
  nodeBundle('main/electron-main.ts', 'dist/main.js', { plugins: [externalPackages] }),
  nodeBundle('preload/preload.ts', 'dist/preload.js', { external: ['electron'] }),
  nodeBundle('server/server-entry.ts', 'dist/server.js', { plugins: [externalPackages] }),
  build({
    ...common,
    entryPoints: ['renderer/main.ts'],
    outfile: 'dist/renderer/renderer.js',
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    minify: true,
  }),
  build({ ...common, entryPoints: ['renderer/styles.css'], outfile: 'dist/renderer/renderer.css', loader: { '.css': 'css' } }),
]);
await copyFile(join(here, 'renderer/index.html'), join(out, 'renderer/index.html'));
