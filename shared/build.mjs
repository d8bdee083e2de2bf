// Bundles the CLI (dependencies included: loading a few files is much faster than resolving
// hundreds of modules in node_modules at every start). ESM with code splitting: dist/cli.mjs
// holds the dispatcher and the command list; each command (commands/index.ts imports them
// lazily) and the dependencies it alone needs are separate chunks, so a start loads only the
// command it runs (the registry commands never load dockerode/gRPC, lint never loads undici).
// dist/cli.js is a small CommonJS launcher for it (bin/dockhand.js requires it). Native or
// optional modules stay external and are required lazily where they are used.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/entry.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // ESM builds first: jsonc-parser's UMD build cannot be bundled.
  mainFields: ['module', 'main'],
  external: ['keytar', 'cpu-features', 'ssh2', 'better-sqlite3', 'pg'],
  // Bundled CommonJS dependencies call require() for Node's modules and the externals.
  banner: { js: "import { createRequire as __dockhandCreateRequire } from 'node:module'; const require = __dockhandCreateRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
// `dockhand` and `dockhand help` (bin/dockhand.js): one CommonJS file with the command list and
// no command in it (each command's import stays an unused require), so it starts as fast as a plain script.
await build({
  entryPoints: ['src/cli/help-entry.ts'],
  outfile: 'dist/help.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  plugins: [
    {
      name: 'commands-stay-out',
      setup(b) {
        b.onResolve({ filter: /^\.\/[a-z-]+$/ }, (a) => (/[\\/]commands[\\/]index\.ts$/.test(a.importer) ? { path: a.path, external: true } : undefined));
      },
    },
  ],
  logLevel: 'warning',
});
writeFileSync(
  'dist/cli.js',
  "'use strict';\n// Launches the ES module bundle (build.mjs).\nimport('./cli.mjs').catch((err) => { process.stderr.write(`dockhand: ${err && err.stack ? err.stack : err}\\n`); process.exitCode = 1; });\n",
);
