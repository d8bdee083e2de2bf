import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeKeychainFailure, secretServiceLocked } from './keychain';
import { KeychainOperationError, KeychainUnavailableError } from './errors';

test('no D-Bus / no secret service -> KeychainUnavailableError listing the alternatives', () => {
  for (const raw of [
    'Cannot autolaunch D-Bus without X11 $DISPLAY',
    'The given address is empty',
    'The name org.freedesktop.secrets was not provided by any .service files',
  ]) {
    const e = describeKeychainFailure('get', new Error(raw));
    assert.ok(e instanceof KeychainUnavailableError, raw);
    assert.match(e.message, /is not available \(get\)/);
    assert.match(e.message, /--store docker/);
    assert.match(e.message, /never writes passwords to a plaintext file/);
  }
});

test('a locked collection -> KeychainOperationError saying to unlock', () => {
  const e = describeKeychainFailure('set', new Error('Cannot create an item in a locked collection'));
  assert.ok(e instanceof KeychainOperationError);
  assert.match(e.message, /is locked \(set\): unlock your keyring/);
});

test('other failures keep their first line and the backend name', () => {
  const e = describeKeychainFailure('find', new Error('boom\nstack'), 'VS Code SecretStorage');
  assert.match(e.message, /^VS Code SecretStorage failed \(find\): boom\./);
});

test('secretServiceLocked cannot tell without a session bus', async () => {
  assert.equal(await secretServiceLocked({}), undefined);
});
