import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manifestRequest } from './manifestRequest';

test('a dockhand-manifest: URI cannot turn on insecure or pick a CA through its query', () => {
  const uri = {
    path: '/r.example:5000/team/app/sha256-abc.json',
    query: 'url=https%3A%2F%2Fr.example%3A5000&insecure=1&ca=%2Ftmp%2Fevil.pem',
    fragment: 'sha256:abc',
  };
  assert.deepEqual(manifestRequest(uri, []), { target: { url: 'https://r.example:5000', host: 'r.example:5000' }, repo: 'team/app', reference: 'sha256:abc' });
  const fromSettings = manifestRequest(uri, [{ url: 'https://r.example:5000', insecure: true, caFile: '/etc/my-ca.pem' }]);
  assert.deepEqual(fromSettings.target, { url: 'https://r.example:5000', host: 'r.example:5000', insecure: true, caFile: '/etc/my-ca.pem' });
  assert.throws(() => manifestRequest({ ...uri, query: 'insecure=1' }, []), /names no registry URL/);
});
