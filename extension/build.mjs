// Bundles the extension with esbuild. Externals: `vscode` (given by the host) and the
// native `keytar`, which is copied into dist/node_modules/keytar so the installed .vsix
// (packaged with --no-dependencies) can still load it. Also copies the webview toolkit
// and media/extension into dist/, and bundles the in-host test suites into out/
// (not packaged; see .vscodeignore).
//   node build.mjs            extension + webview + in-host tests
//   node build.mjs --watch    rebuild on change
import { build, context } from 'esbuild';
import { cpSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native pieces of optional dependencies (cpu-features, ssh2's crypto binding) may not be built at all
  // (their install scripts are not allowed): keep them external; their loaders try/catch the require.
  external: ['vscode', 'keytar', 'cpu-features', '*.node'],
  // ESM builds first: some packages (jsonc-parser) ship a UMD main that esbuild cannot follow.
  mainFields: ['module', 'main'],
  // shared/ imports some optional native pieces of its dependencies (ssh2, cpu-features via dockerode);
  // they are optional at runtime and must not break the bundle.
  loader: { '.node': 'empty' },
};

const targets = [
  // dist/engine.js is loaded with require('./engine.js') on first use of the engine.
  {
    ...common,
    minify: true,
    external: [...common.external, './engine.js'],
    entryPoints: [join(here, 'src/extension.ts')],
    outfile: join(here, 'dist/extension.js'),
  },
  { ...common, minify: true, entryPoints: [join(here, 'src/engine/engineEntry.ts')], outfile: join(here, 'dist/engine.js') },
  // The config linter's worker thread (shared/src/config/lint-runner.ts starts it).
  { ...common, minify: true, entryPoints: [join(here, '../shared/src/config/lint-worker-entry.ts')], outfile: join(here, 'dist/lintWorker.js') },
  { ...common, entryPoints: [join(here, 'src/test/in-host/index.ts')], outfile: join(here, 'out/in-host.js') },
  ...['details', 'activity'].map((name) => ({
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: true,
    logLevel: 'warning',
    entryPoints: [join(here, `webview/${name}.ts`)],
    outfile: join(here, `dist/webview/${name}.js`),
  })),
];

function copyAssets() {
  // keytar: package.json + lib + the compiled N-API addon. keytar is optional: where it could
  // not be built (no libsecret headers, `npm ci --omit=optional`), the extension falls back
  // to VS Code's SecretStorage at run time, so the build goes on without it.
  const dest = join(here, 'dist/node_modules/keytar');
  rmSync(dest, { recursive: true, force: true });
  let keytarPkg;
  try {
    keytarPkg = require.resolve('keytar/package.json');
  } catch {
    keytarPkg = undefined;
  }
  if (!keytarPkg) {
    console.warn('keytar is not installed (optional); the extension will keep logins in VS Code SecretStorage');
  } else {
    const keytarDir = dirname(keytarPkg);
    mkdirSync(join(dest, 'build/Release'), { recursive: true });
    cpSync(keytarPkg, join(dest, 'package.json'));
    cpSync(join(keytarDir, 'lib'), join(dest, 'lib'), { recursive: true });
    const addon = join(keytarDir, 'build/Release/keytar.node');
    if (existsSync(addon)) cpSync(addon, join(dest, 'build/Release/keytar.node'));
    else console.warn('keytar.node is not built; the extension will fall back to SecretStorage');
  }
  // Webview UI toolkit (one self-contained ES module).
  const toolkit = join(dirname(require.resolve('@vscode/webview-ui-toolkit/package.json')), 'dist/toolkit.min.js');
  mkdirSync(join(here, 'dist/webview'), { recursive: true });
  cpSync(toolkit, join(here, 'dist/webview/toolkit.min.js'));
  // Icons and webview CSS.
  cpSync(join(here, '../media/extension'), join(here, 'dist/media'), { recursive: true });
}

if (watch) {
  copyAssets();
  for (const t of targets) await (await context(t)).watch();
} else {
  await Promise.all(targets.map((t) => build(t)));
  copyAssets();
}
