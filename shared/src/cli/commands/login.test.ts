import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { promptLine } from './login';
import type { CliContext } from '../command';

function fakeTty() {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (on: boolean) => void; modes: boolean[] };
  stdin.isTTY = true;
  stdin.modes = [];
  stdin.setRawMode = (on: boolean) => void stdin.modes.push(on);
  let err = '';
  const stderr = new PassThrough();
  stderr.on('data', (d) => (err += String(d)));
  const ctx = { stdin, stderr, stdout: new PassThrough(), env: {}, signal: new AbortController().signal } as unknown as CliContext;
  return { stdin, ctx, stderrText: () => err };
}

test('the password prompt turns echo off, handles backspace and never prints the password (fake tty)', async () => {
  const { stdin, ctx, stderrText } = fakeTty();
  const p = promptLine(ctx, 'Password: ', true);
  stdin.write('s3cretX\u007f-pw\r');
  assert.equal(await p, 's3cret-pw');
  assert.deepEqual(stdin.modes, [true, false]);
  assert.equal(stderrText(), 'Password: \n');
});

test('Ctrl-C cancels the prompt and restores the terminal (fake tty)', async () => {
  const { stdin, ctx } = fakeTty();
  const p = promptLine(ctx, 'Password: ', true);
  stdin.write('abc\u0003');
  await assert.rejects(p, /cancelled/);
  assert.deepEqual(stdin.modes, [true, false]);
});

test('without a terminal the prompt refuses and says which flag to use', () => {
  const { ctx } = fakeTty();
  (ctx.stdin as { isTTY?: boolean }).isTTY = false;
  assert.throws(() => promptLine(ctx, 'Password: ', true), /--password-stdin/);
});
