import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeTerminalText, writeControl } from './terminal-text';

test('control characters are shown escaped; newline, tab and ordinary text stay', () => {
  assert.equal(escapeTerminalText('a\u001b]0;t\u0007b\r\n\tc\u009b2J\u202eé'), 'a\\x1b]0;t\\x07b\\x0d\n\tc\\x9b2J\\u202eé');
  assert.equal(escapeTerminalText('127.0.0.1:5000/team/app:1.2'), '127.0.0.1:5000/team/app:1.2');
});

test("writeControl uses the stream's own channel for control sequences when it has one", () => {
  const seen: string[] = [];
  writeControl({ write: (s: string) => seen.push(`w:${s}`), writeControl: (s: string) => seen.push(`c:${s}`) } as never, '\r');
  writeControl({ write: (s: string) => seen.push(`w:${s}`) }, '\r');
  assert.deepEqual(seen, ['c:\r', 'w:\r']);
});
