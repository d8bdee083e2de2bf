import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryError } from '@dockhand/shared/registry';
import { errorFromNetwork, errorFromResponse } from '@dockhand/shared/transport';
import { wordFailure } from './failureWording';

const host = '127.0.0.1:5000';
const CLI = /--[a-z]|dockhand \w|docker login|\(explicit\)|\(keychain\)/;

test('wrong credentials: no CLI flags, no "(explicit)", the login as a button, the title names what failed', () => {
  const err = errorFromResponse(401, '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', {
    host, repository: 'team/app', method: 'GET', what: 'listing tags of 127.0.0.1:5000/team/app',
    credential: { username: 'me', password: 'x', source: { kind: 'explicit', detail: 'VS Code login' } },
  });
  assert.match(err.message, CLI, 'the core message is the command line\'s');
  const w = wordFailure('Copying team/app:1.2', err);
  assert.doesNotMatch(w.message, CLI);
  assert.match(w.message, /^Copying team\/app:1\.2 failed\. Listing tags of .* was refused: not authenticated as "me" using the credential from VS Code login: authentication required\. Log in to 127\.0\.0\.1:5000/);
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
  const missing = errorFromResponse(404, '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}', { host, repository: 'a', method: 'GET', what: 'reading a:1' });
  assert.match(missing.message, /dockhand tags/);
  const w = wordFailure('Deleting a:1', missing);
  assert.doesNotMatch(w.message, CLI);
  assert.equal(w.action?.command, 'dockhand.refresh');
  const self = new RegistryError({ code: 'SAME_SOURCE_AND_TARGET', summary: 'the copy\'s source and target are the same image', fix: 'Choose another registry, repository or tag as the target.', host });
  assert.match(wordFailure('Copying a:1', self).message, /Choose another registry, repository or tag as the target\.$/);
  const odd = new RegistryError({ code: 'HTTP_ERROR', summary: 'x failed', fix: 'Re-run with --insecure.', host });
  assert.doesNotMatch(wordFailure('Copying a:1', odd).message, CLI);
  assert.equal(wordFailure('Copying a:1', new RegistryError({ code: 'ABORTED', summary: 'x was cancelled', fix: 'Run it again.', host })).show, false);
});
