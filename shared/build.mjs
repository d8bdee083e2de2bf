// Bundles the CLI into one file (dependencies included: loading one file is much faster
// than resolving hundreds of modules in node_modules at every start). Native or optional
// modules stay external and are required lazily where they are used.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // ESM builds first: jsonc-parser's UMD build cannot be bundled.
  mainFields: ['module', 'main'],
  external: ['keytar', 'cpu-features', 'ssh2'],
  sourcemap: true,
  logLevel: 'warning',
});
