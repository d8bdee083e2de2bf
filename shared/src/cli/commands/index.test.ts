// The lazy command list: each entry loads a command of the same name and summary, and the
// CLI dispatches through it (options parsed with the loaded command's own flags).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { commands } from './index';
import { resolveCommand } from '../lazy-command';
import { main } from '../main';

test('every listed command loads, with the name and summary the list shows', async () => {
  assert.ok(commands.length >= 10);
  const names = commands.map((c) => c.name);
  assert.deepEqual(names, [...names].sort(), 'the list is sorted');
  for (const entry of commands) {
    const real = await resolveCommand(entry);
    assert.equal(real.name, entry.name);
    assert.equal(real.summary, entry.summary, `summary of ${entry.name} in index.ts differs from its file`);
    assert.match(real.usage, new RegExp(`^dockhand ${entry.name}\\b`));
  }
});

test('a lazily listed command gets its own --help and parses its own flags', async () => {
  const run = async (argv: string[]) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const code = await main(argv, { stdout, stderr, stdin: Readable.from(['']), env: {}, signal: new AbortController().signal });
    return { code, out, err };
  };
  const help = await run(['tags', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /Usage: dockhand tags REPO \[--sort name\|semver\|date\] \[--json\]/);
  const bad = await run(['tags', '--no-such-flag', 'a/b']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /Usage: dockhand tags REPO/);
  assert.match(bad.err, /^dockhand tags: unknown option --no-such-flag\n/, "one plain line, not Node's parser text");
});
