import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from './redact';

test('redact hides passwords, tokens, auth headers and URL userinfo', () => {
  const secret = 's3cr3t-Value-123';
  const lines = [
    `{"username":"u","password":"${secret}"}`,
    `Authorization: Basic ${Buffer.from('u:' + secret).toString('base64')}`,
    `Authorization: Bearer ${secret}`,
    `https://u:${secret}@registry.example.com/v2/`,
    `token=${secret}&scope=repository:a:pull`,
  ];
  for (const line of lines) {
    const out = redact(line);
    assert.ok(!out.includes(secret), out);
    assert.ok(!out.includes(Buffer.from('u:' + secret).toString('base64')), out);
    assert.match(out, /\*\*\*/);
  }
  assert.equal(redact('pulled 127.0.0.1:5000/app:1.0'), 'pulled 127.0.0.1:5000/app:1.0');
});
