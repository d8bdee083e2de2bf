// The test bed's installer and tools folder: everything it promises is there and runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node24Bin, codeServerEntry, CODE_SERVER_VERSION, NODE_MAJOR, assertToolsInstalled } from '../bed/index';

const run = promisify(execFile);
const root = join(import.meta.dirname ?? __dirname, '../..');

test('install.mjs --check finds every system package and tool present (idempotent, installs nothing)', async () => {
  const { stdout } = await run(process.execPath, [join(root, 'test/bed/install.mjs'), '--check'], { timeout: 120000 });
  assert.match(stdout, /system packages: all \d+ present/);
  assert.match(stdout, new RegExp(`code-server ${CODE_SERVER_VERSION.replace(/\./g, '\\.')} present`));
});

test('the tools folder holds a working Node 24 and the pinned code-server', async () => {
  assert.doesNotThrow(() => assertToolsInstalled());
  const v = await run(node24Bin, ['-v']);
  assert.match(v.stdout.trim(), new RegExp(`^v${NODE_MAJOR}\\.`));
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-cs-version-'));
  try {
    writeFileSync(join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
    const cs = await run(
      node24Bin,
      [codeServerEntry, '--config', join(dir, 'config.yaml'), '--user-data-dir', join(dir, 'u'), '--extensions-dir', join(dir, 'e'), '--version'],
      { env: { ...process.env, HOME: dir }, timeout: 120000 },
    );
    assert.ok(cs.stdout.startsWith(CODE_SERVER_VERSION), cs.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
