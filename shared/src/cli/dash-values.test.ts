// A string option's value may start with "-": `dockhand listen --token -abc` and `--token=-abc`
// give the token "-abc" (the real receiver accepts it), while `--token --addr X` still asks for a value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { joinDashValues } from './dash-values';
import { main } from './main';
import { EVENTS_MEDIA_TYPE } from '../events/api-types';
import { registryEvent } from '../events/test-envelopes';

const TOKEN = '-abc0123456789xyz'; // a token that starts with a dash (16+ characters)
const options = { token: { type: 'string' as const }, addr: { type: 'string' as const }, json: { type: 'boolean' as const }, rec: { type: 'boolean' as const, short: 'r' } };

test('joinDashValues: the argument after a string option is its value unless it is one of the options', () => {
  assert.deepEqual(joinDashValues(['--token', '-abc'], options), ['--token=-abc']);
  assert.deepEqual(joinDashValues(['--token=-abc'], options), ['--token=-abc']);
  assert.deepEqual(joinDashValues(['--token', '--x-y', '--json'], options), ['--token=--x-y', '--json']);
  assert.deepEqual(joinDashValues(['--token', '--addr', '1:2'], options), ['--token', '--addr', '1:2'], 'a real option stays an option');
  assert.deepEqual(joinDashValues(['--token', '-r'], options), ['--token', '-r']);
  assert.deepEqual(joinDashValues(['--json', '-abc'], options), ['--json', '-abc'], 'a boolean takes no value');
  assert.deepEqual(joinDashValues(['--', '--token', '-abc'], options), ['--', '--token', '-abc'], 'nothing after --');
});

function capture() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c) => (text += String(c)));
  return { s, text: () => text };
}

test('dockhand listen --token -abc…: the real receiver takes the dashed value as its token', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-dash-'));
  const out = capture();
  const err = capture();
  const ctl = new AbortController();
  const env = { DOCKHAND_EVENTS_DIR: dir, HOME: dir };
  const running = main(['listen', '--addr', '127.0.0.1:0', '--token', TOKEN, '--store', `sqlite:${join(dir, 'events.db')}`], {
    stdout: out.s,
    stderr: err.s,
    stdin: Readable.from(['']),
    env,
    signal: ctl.signal,
  });
  try {
    let addr: string | undefined;
    for (let i = 0; !addr; i++) {
      addr = /on http:\/\/([^/]+)\/events/.exec(err.text())?.[1];
      if (!addr) {
        assert.ok(i < 1200, `the receiver did not start: ${err.text()}`);
        await Promise.race([new Promise((r) => setTimeout(r, 50)), running.then((code) => assert.fail(`listen exited ${code}: ${err.text()}`))]);
      }
    }
    const post = (token: string) =>
      fetch(`http://${addr}/events`, {
        method: 'POST',
        headers: { 'content-type': EVENTS_MEDIA_TYPE, authorization: `Bearer ${token}` },
        body: JSON.stringify({ events: [registryEvent({ id: `dash-${token}`, tag: 'v1' })] }),
      });
    assert.equal((await post(TOKEN)).status, 200, `the token is ${TOKEN}`);
    assert.equal((await post(TOKEN.slice(1))).status, 401);
  } finally {
    ctl.abort();
    assert.equal(await running, 0, err.text());
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dockhand listen-config --token=-abc and --token -abc write the same header; --token --no-pulls asks for a value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-dash-'));
  const run = async (argv: string[]) => {
    const out = capture();
    const err = capture();
    const code = await main(argv, { stdout: out.s, stderr: err.s, stdin: Readable.from(['']), env: { DOCKHAND_EVENTS_DIR: dir, HOME: dir }, signal: new AbortController().signal });
    return { code, out: out.text(), err: err.text() };
  };
  try {
    const a = await run(['listen-config', `--token=${TOKEN}`, '--target', '2.8']);
    const b = await run(['listen-config', '--token', TOKEN, '--target', '2.8']);
    assert.equal(a.code, 0, a.err);
    assert.equal(b.code, 0, b.err);
    assert.ok(a.out.includes(`Bearer ${TOKEN}`), a.out);
    assert.equal(b.out, a.out);
    const c = await run(['listen-config', '--token', '--no-pulls']);
    assert.equal(c.code, 2);
    assert.match(c.err, /--token needs a value \(for a value that starts with "-", write --token=-VALUE\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
