import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restoredDetailsState } from './restoreState';

test('a restored details panel takes insecure and caFile from the settings, not from its persisted state', () => {
  const persisted = {
    target: { url: 'https://r.example:5000', host: 'r.example:5000', insecure: true, caFile: '/tmp/attacker-ca.pem' },
    repo: 'team/app',
    tag: '1.0',
  };
  assert.deepEqual(restoredDetailsState(persisted, []), { target: { url: 'https://r.example:5000', host: 'r.example:5000' }, repo: 'team/app', tag: '1.0' });
  const settings = [
    { url: 'https://r.example:5000/', caFile: '/etc/ssl/my-ca.pem' },
    { url: 'http://other.example', insecure: true },
  ];
  assert.deepEqual(restoredDetailsState(persisted, settings)?.target, { url: 'https://r.example:5000', host: 'r.example:5000', caFile: '/etc/ssl/my-ca.pem' });
  const insecureSetting = restoredDetailsState({ ...persisted, target: { url: 'http://other.example', host: 'evil.example' } }, settings);
  assert.deepEqual(
    insecureSetting?.target,
    { url: 'http://other.example', host: 'other.example', insecure: true },
    'the host comes from the URL, not from the state',
  );
  assert.equal(restoredDetailsState({ ...persisted, target: { url: 'file:///etc/passwd', host: 'x' } }, settings), undefined);
  assert.equal(restoredDetailsState({ nonsense: true }, settings), undefined);
});
