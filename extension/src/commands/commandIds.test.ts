import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from './commandIds';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string }>; menus?: Record<string, Array<{ command?: string }>>; keybindings?: Array<{ command: string }> };
};

test('COMMANDS lists exactly the commands package.json contributes', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
});

test('every command a menu or key binding names is a contributed one', () => {
  const known = new Set<string>(Object.values(COMMANDS));
  const named = [
    ...Object.values(manifest.contributes.menus ?? {})
      .flat()
      .map((m) => m.command),
    ...(manifest.contributes.keybindings ?? []).map((k) => k.command),
  ].filter((c): c is string => !!c && c.startsWith('dockhand.'));
  assert.deepEqual(
    named.filter((c) => !known.has(c)),
    [],
  );
});
