// Every fix the core writes (shared/src, outside the CLI) put in the desktop's words leaves no
// command line behind: no --flags, no `dockhand ...` commands, no `docker login`, no credential kinds
// in parentheses. Reads the core's own source, so a fix added tomorrow is checked too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guiWords } from './gui-wording';
import { errorText } from './error-info';
import { RegistryError } from '@dockhand/shared/transport';

const SHARED = join(__dirname, '../../shared/src');

function coreFixes(): Array<{ file: string; fix: string }> {
  const out: Array<{ file: string; fix: string }> = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'cli') walk(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/\bfix(?::|\s*=)\s*(['`])((?:\\.|(?!\1)[^\\])*)\1/g)) out.push({ file: p.slice(SHARED.length + 1), fix: m[2].replace(/\$\{[^}]*\}/g, 'X') });
      }
    }
  };
  walk(SHARED);
  return out;
}

const COMMAND_LINE = /(?:^|[\s("'])--[a-z]|\bdockhand [a-z]|docker login|\((?:explicit|keychain|credHelper|credsStore|auths|authJson|fallback)\)/;

test("every fix the core writes reads as the desktop's words (no flags, no commands)", () => {
  const fixes = coreFixes();
  assert.ok(fixes.length > 40, `found the core's fixes (${fixes.length})`);
  const left = fixes.map(({ file, fix }) => ({ file, fix: guiWords(fix) })).filter(({ fix }) => COMMAND_LINE.test(fix));
  assert.deepEqual(left, []);
});

test('an error carried as data (a failed credential source, a tag row) is worded too, fix included', () => {
  const text = errorText(
    new RegistryError({
      code: 'TLS',
      summary: "cannot verify h:5443's TLS certificate",
      fix: 'Put the CA in /etc/docker/certs.d/h:5443/ca.crt (or pass --ca FILE); use --insecure only for a test registry.',
      host: 'h:5443',
    }),
  );
  assert.match(text, /^cannot verify h:5443's TLS certificate\. Put the CA/);
  assert.ok(!COMMAND_LINE.test(text), text);
  const plain = errorText('not authenticated using the credential from the sign-in form (explicit), or pass --username with --password-stdin');
  assert.ok(!COMMAND_LINE.test(plain), plain);
});
