#!/usr/bin/env node
// `npm start`: launch the Electron app where Electron's binary is installed; otherwise
// (headless server, binary not downloaded) say why and start the served mode instead,
// printing the URL with its per-run token. Extra arguments go to the served mode
// (e.g. `npm start -- --port 8080`). Expects `npm run build` to have run (npm start does).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const desktopDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const bin = createRequire(join(desktopDir, 'package.json'))('electron');
    if (typeof bin === 'string' && existsSync(bin)) return { bin };
    return { reason: "Electron's binary is not installed (the electron package was installed without it, e.g. with ELECTRON_SKIP_BINARY_DOWNLOAD=1)." };
  } catch (err) {
    return { reason: "Electron's binary is not installed." };
  }
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

for (const f of ['dist/main.js', 'dist/server.js', 'dist/renderer/index.html']) {
  if (!existsSync(join(desktopDir, f))) {
    console.error(`desktop/${f} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const electron = electronBinary();
const forceServe = args.includes('--serve');
let reason;
if (forceServe) reason = 'Starting the served mode (--serve).';
else if (!electron.bin) reason = `${electron.reason} Starting the served mode instead.`;
else if (!hasDisplay()) reason = 'No display (DISPLAY/WAYLAND_DISPLAY unset): starting the served mode instead of the Electron window.';

const child = reason
  ? spawn(process.execPath, [join(desktopDir, 'dist/server.js'), ...args.filter((a) => a !== '--serve')], {
      stdio: 'inherit',
      env: { ...process.env, DOCKHAND_SERVE_REASON: reason },
    })
  : spawn(electron.bin, [desktopDir], { stdio: 'inherit' });
const forward = (sig) => child.kill(sig);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
