import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryError } from '@dockhand/shared/transport';
import { guiWords } from './gui-wording';
import { toErrorInfo } from './error-info';

test("CLI flags and credential kinds become the desktop's words", () => {
  const out = guiWords(
    'Get the CA certificate that signed it and put it in /etc/docker/certs.d/h/ca.crt (or pass --ca FILE); use --insecure only for a test registry.',
  );
  assert.ok(!/--ca|--insecure/.test(out), out);
  assert.match(out, /CA certificate file/);
  assert.match(out, /"Skip TLS verification"/);
  const unauth = guiWords(
    'listing was refused: not authenticated as "bob" using the credential from the sign-in form (explicit). Log in (docker login h:5000) so Dockhand can use Docker\'s credentials, or pass --username with --password-stdin.',
  );
  assert.ok(!/explicit|--password-stdin|--username|docker login/.test(unauth), unauth);
  assert.match(unauth, /Sign in/);
});

test('a core RegistryError reaches the renderer as facts (message) and a GUI fix (hint)', () => {
  const err = new RegistryError({
    code: 'TLS',
    summary: "cannot verify h:5443's TLS certificate",
    fix: 'Put the CA in /etc/docker/certs.d/h:5443/ca.crt (or pass --ca FILE); use --insecure only for a test registry.',
    host: 'h:5443',
  });
  const info = toErrorInfo(err);
  assert.equal(info.code, 'TLS');
  assert.ok(!info.message.includes('Put the CA'), 'the fix is not repeated in the message');
  assert.equal(info.message, "cannot verify h:5443's TLS certificate.");
  assert.ok(info.hint && !/--ca|--insecure/.test(info.hint), info.hint);
});

test("the fix is chosen by the core's code and facts, not by rewriting its English (gui-fixes)", () => {
  const core = (code: string, method = 'GET') =>
    toErrorInfo(new RegistryError({ code: code as 'DENIED', summary: 's', fix: 'CORE FIX --flag', host: 'h:5000', repository: 'team/app', method }));
  assert.match(core('UNAUTHORIZED').hint!, /^Sign in to h:5000 with the Sign in button/);
  assert.match(core('DENIED', 'DELETE').hint!, /may read team\/app but not change it/);
  assert.match(core('DENIED').hint!, /may not read team\/app/);
  assert.match(core('NAME_UNKNOWN').hint!, /no repository team\/app in h:5000/);
  assert.match(core('PROXY_CACHE', 'PUT').hint!, /read-only pull-through cache/);
  assert.match(core('UNREACHABLE').hint!, /Retry/);
  for (const code of ['UNAUTHORIZED', 'DENIED', 'NAME_UNKNOWN', 'MANIFEST_UNKNOWN', 'NO_CATALOG', 'PROXY_CACHE', 'UNREACHABLE', 'TOOMANYREQUESTS']) {
    const hint = core(code).hint!;
    assert.ok(!hint.includes('CORE FIX') && !/--|dockhand |docker login/.test(hint), `${code}: ${hint}`);
  }
  // a code without a desktop wording keeps the core's fix, in the desktop's words
  assert.equal(core('BLOB_UNKNOWN').hint, 'CORE FIX --flag');
});
