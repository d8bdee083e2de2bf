import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeRegistryUrl, registryHost } from './registryUrl';

test('normalizeRegistryUrl adds https, drops trailing slashes and rejects credentials', () => {
  assert.equal(normalizeRegistryUrl('127.0.0.1:5000'), 'https://127.0.0.1:5000');
  assert.equal(normalizeRegistryUrl(' http://localhost:5000/ '), 'http://localhost:5000');
  assert.equal(normalizeRegistryUrl('https://R.example.com'), 'https://r.example.com');
  assert.equal(normalizeRegistryUrl('https://u:p@r.example.com'), undefined);
  assert.equal(normalizeRegistryUrl('ftp://r.example.com'), undefined);
  assert.equal(normalizeRegistryUrl(''), undefined);
  assert.equal(registryHost('http://127.0.0.1:5000'), '127.0.0.1:5000');
});
