import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rememberSecret } from '@dockhand/shared/credentials';
import { logText } from './logText';

test('log lines drop every secret the process has seen, plain and base64, and secret shapes', () => {
  const secret = 'seen-by-the-store-7Q2';
  rememberSecret(secret, 'erin');
  const basic = Buffer.from(`erin:${secret}`).toString('base64');
  const line = logText('tree', new Error(`401 from r.example: the registry said "bad password ${secret}" for ${basic}`));
  assert.ok(!line.includes(secret), line);
  assert.ok(!line.includes(basic.replace(/=+$/, '')), line);
  assert.match(line, /^tree: 401 from r\.example/);
  const shaped = logText('x', new Error('GET https://bob:pw-in-url@r.example/v2/ with Authorization: Bearer abcdefghijkl'));
  assert.ok(!shaped.includes('pw-in-url') && !shaped.includes('abcdefghijkl'), shaped);
  assert.equal(logText('pulled 127.0.0.1:5000/app:1.0'), 'pulled 127.0.0.1:5000/app:1.0');
});
