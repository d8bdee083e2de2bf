import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryError } from '@dockhand/shared/registry';
import { errorFromNetwork, errorFromResponse } from '@dockhand/shared/transport';
import { wordFailure, wordLoginFailure, wordStepFailures, editorWords } from './failureWording';
import { CredentialVerificationError, KeychainUnavailableError } from '@dockhand/shared/credentials';

const host = '127.0.0.1:5000';
const CLI = /--[a-z]|dockhand \w|docker login|\(explicit\)|\(keychain\)/;

test('wrong credentials: no CLI flags, no "(explicit)", the login as a button, the title names what failed', () => {
  const err = errorFromResponse(401, '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', {
    host,
    repository: 'team/app',
    method: 'GET',
    what: 'listing tags of 127.0.0.1:5000/team/app',
    credential: { username: 'me', password: 'x', source: { kind: 'explicit', detail: 'VS Code login' } },
  });
  assert.match(err.message, CLI, "the core message is the command line's");
  const w = wordFailure('Copying team/app:1.2', err);
  assert.doesNotMatch(w.message, CLI);
  assert.match(
    w.message,
    /^Copying team\/app:1\.2 failed\. Listing tags of .* was refused: not authenticated as "me" using the credential from VS Code login: authentication required\. Log in to 127\.0\.0\.1:5000/,
  );
  assert.deepEqual(w.action, { title: 'Log In…', command: 'dockhand.login' });
});

test('an untrusted certificate: the CA as a button (Edit Registry), not --ca FILE', () => {
  const cause = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  const err = errorFromNetwork(cause, { host, method: 'GET', what: `connecting to ${host}` });
  assert.match(err.message, /--ca FILE/);
  const w = wordFailure('Retagging team/app:1', err);
  assert.doesNotMatch(w.message, CLI);
  assert.match(w.message, /Choose the CA certificate/);
  assert.deepEqual(w.action, { title: 'Edit Registry…', command: 'dockhand.editRegistry' });
});

test('a fix written for the command line is replaced; a fix in plain words is kept; a cancel shows nothing', () => {
  const missing = errorFromResponse(404, '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}', {
    host,
    repository: 'a',
    method: 'GET',
    what: 'reading a:1',
  });
  assert.match(missing.message, /dockhand tags/);
  const w = wordFailure('Deleting a:1', missing);
  assert.doesNotMatch(w.message, CLI);
  assert.equal(w.action?.command, 'dockhand.refresh');
  const self = new RegistryError({
    code: 'SAME_SOURCE_AND_TARGET',
    summary: "the copy's source and target are the same image",
    fix: 'Choose another registry, repository or tag as the target.',
    host,
  });
  assert.match(wordFailure('Copying a:1', self).message, /Choose another registry, repository or tag as the target\.$/);
  const odd = new RegistryError({ code: 'HTTP_ERROR', summary: 'x failed', fix: 'Re-run with --insecure.', host });
  assert.doesNotMatch(wordFailure('Copying a:1', odd).message, CLI);
  assert.equal(wordFailure('Copying a:1', new RegistryError({ code: 'ABORTED', summary: 'x was cancelled', fix: 'Run it again.', host })).show, false);
});

test('a refused log-in: says the registry did not accept the username and password, nothing stored; no flags, no "(explicit)", no Log In button', () => {
  const refused = errorFromResponse(401, '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', {
    host,
    method: 'GET',
    what: `logging in to ${host}`,
    credential: { username: 'me', password: 'x', source: { kind: 'explicit', detail: 'VS Code login' } },
  });
  const wrapped = new CredentialVerificationError(`${host} did not accept the credential for user "me": ${refused.message}. Nothing was stored.`);
  assert.match(wrapped.message, CLI, "the store's message is the command line's");
  const w = wordLoginFailure(host, wrapped, refused);
  assert.doesNotMatch(w.message, CLI);
  assert.equal(
    w.message,
    `Logging in to ${host} failed. ${host} did not accept this username and password (or token); nothing was stored. Check them and try again.`,
  );
  assert.equal(w.action, undefined);
});

test("a log-in that cannot reach the registry or trust it: what failed, the editor's fix and button, nothing stored", () => {
  const cause = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  const tls = errorFromNetwork(cause, { host, method: 'GET', what: `logging in to ${host}` });
  const w = wordLoginFailure(host, new CredentialVerificationError(`${host} did not accept the credential: ${tls.message}. Nothing was stored.`), tls);
  assert.doesNotMatch(w.message, CLI);
  assert.match(w.message, /^Logging in to 127\.0\.0\.1:5000 failed\. .*Choose the CA certificate.* Nothing was stored\.$/);
  assert.deepEqual(w.action, { title: 'Edit Registry…', command: 'dockhand.editRegistry' });
});

test('credential-store messages lose their flags and commands: keychain off, no helper in config.json, a malformed login', () => {
  const keychain = wordLoginFailure(
    host,
    new KeychainUnavailableError("The keychain is disabled in this configuration; store through docker's credential helper instead (--store docker)."),
  );
  assert.equal(
    keychain.message,
    `Logging in to ${host} failed. The keychain is disabled in this configuration; store through docker's credential helper instead.`,
  );
  const noHelper = wordLoginFailure(
    host,
    new Error(
      '/h/.docker/config.json names no credential helper ("credsStore" or "credHelpers"), and Dockhand does not write passwords into config.json in plaintext. Add e.g. "credsStore": "secretservice" (or "pass") to it, or store in the keychain (--store keychain).',
    ),
  );
  assert.doesNotMatch(noHelper.message, CLI);
  assert.match(noHelper.message, /or store in the keychain\.$/);
  assert.equal(
    editorWords('x is not a Dockhand credential (not JSON). Run `dockhand logout` and log in again.'),
    'x is not a Dockhand credential (not JSON). Log out of it in the Registries view and log in again.',
  );
  assert.equal(editorWords('auths["r"].auth is not valid base64. Run `docker login r` again.'), 'auths["r"].auth is not valid base64. Log in to r again.');
  assert.equal(editorWords('Refused. Retry with dockhand rm --force.'), 'Refused.');
});

test('clean-up steps that failed: how many, the first reason without CLI words, its button', () => {
  const refused = errorFromResponse(401, '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', {
    host,
    repository: 'team/app',
    method: 'DELETE',
    what: 'deleting team/app@sha256:1',
    credential: { username: 'me', password: 'x', source: { kind: 'explicit', detail: 'VS Code login' } },
  });
  const w = wordStepFailures(
    'Cleaning up team/app',
    host,
    [
      { error: refused.message, code: 'UNAUTHORIZED' },
      { error: refused.message, code: 'UNAUTHORIZED' },
    ],
    [],
  );
  assert.doesNotMatch(w.message, CLI);
  assert.match(w.message, /^Cleaning up team\/app: 2 steps failed\. .* Log in to 127\.0\.0\.1:5000/);
  assert.deepEqual(w.action, { title: 'Log In…', command: 'dockhand.login' });
  const skipped = wordStepFailures('Cleaning up team/app', host, [], [{ reason: 'changed since the plan: tag 1.0 is already gone' }]);
  assert.equal(skipped.message, 'Cleaning up team/app: 1 step skipped: changed since the plan: tag 1.0 is already gone.');
});
