// bin/dockhand.js prints `dockhand help` from its own CommonJS bundle (dist/help.cjs, no ES module
// loader, for start-up time): the text and exit codes must be those of the dispatcher's own help.
// Needs `npm run build` (the launcher runs the built bundles).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli';

const bin = join(import.meta.dirname, '..', '..', 'shared', 'bin', 'dockhand.js');
const launch = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

test('the launcher prints the same help as the dispatcher, with the same exit codes', async () => {
  assert.ok(existsSync(join(bin, '..', '..', 'dist', 'help.cjs')), 'run `npm run build` first: the launcher runs dist/help.cjs');
  const inProcess = await runCli(['help']);
  for (const arg of ['help', '--help', '-h']) {
    const r = launch(arg);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, inProcess.out, `dockhand ${arg}`);
  }
  assert.match(inProcess.out, /^ {2}cp {2,}Copy an image/m);
  const bare = launch();
  assert.equal(bare.status, 2, 'no command is a usage error');
  assert.equal(bare.stdout, inProcess.out);
  const version = launch('--version');
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout, 'dockhand 0.1.0\n', 'other arguments still reach the dispatcher');
});

test('dockhand help into a pipe closed early ends quietly (no stack trace)', () => {
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" help | head -c 10 >/dev/null`], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
});
