import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryError } from '@dockhand/shared/transport';
import { guiWords } from '../main/gui-wording';
import { toErrorInfo } from '../main/error-info';

test('CLI flags and credential kinds become the desktop\'s words', () => {
  const out = guiWords('Get the CA certificate that signed it and put it in /etc/docker/certs.d/h/ca.crt (or pass --ca FILE); use --insecure only for a test registry.');
  assert.ok(!/--ca|--insecure/.test(out), out);
  assert.match(out, /CA certificate file/);
  assert.match(out, /"Skip TLS verification"/);
  const unauth = guiWords('listing was refused: not authenticated as "bob" using the credential from the sign-in form (explicit). Log in (docker login h:5000) so Dockhand can use Docker\'s credentials, or pass --username with --password-stdin.');
  assert.ok(!/explicit|--password-stdin|--username|docker login/.test(unauth), unauth);
  assert.match(unauth, /Sign in/);
});

test('a core RegistryError reaches the renderer as facts (message) and a GUI fix (hint)', () => {
  const err = new RegistryError({ code: 'TLS', summary: 'cannot verify h:5443\'s TLS certificate', fix: 'Put the CA in /etc/docker/certs.d/h:5443/ca.crt (or pass --ca FILE); use --insecure only for a test registry.', host: 'h:5443' });
  const info = toErrorInfo(err);
  assert.equal(info.code, 'TLS');
  assert.ok(!info.message.includes('Put the CA'), 'the fix is not repeated in the message');
  assert.equal(info.message, 'cannot verify h:5443\'s TLS certificate.');
  assert.ok(info.hint && !/--ca|--insecure/.test(info.hint), info.hint);
});
