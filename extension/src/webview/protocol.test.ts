import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostMessage, isWebviewMessage, isDetailsState } from './protocol';

test('webview message guards accept the protocol and reject anything else', () => {
  assert.ok(isWebviewMessage({ type: 'ready' }));
  assert.ok(isWebviewMessage({ type: 'copy', text: 'sha256:abc' }));
  assert.ok(isWebviewMessage({ type: 'openManifest', digest: `sha256:${'a'.repeat(64)}` }));
  assert.ok(!isWebviewMessage({ type: 'openManifest', digest: '../../etc/passwd' }));
  assert.ok(!isWebviewMessage({ type: 'exec', cmd: 'rm' }));
  assert.ok(!isWebviewMessage('ready'));
  assert.ok(isHostMessage({ type: 'details', data: { reference: 'r', digest: 'd', platforms: [], referrers: [] } }));
  assert.ok(!isHostMessage({ type: 'details', data: { reference: 'r' } }));
  assert.ok(isHostMessage({ type: 'error', reference: 'r', message: 'm' }));
  assert.ok(isDetailsState({ target: { url: 'https://h', host: 'h' }, repo: 'a', tag: 'b' }));
  assert.ok(!isDetailsState({ target: 'h', repo: 'a', tag: 'b' }));
});
