import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRegistryUrl } from './registry-store';

test('a typed address without a scheme gets http:// on loopback and https:// elsewhere', () => {
  assert.deepEqual(parseRegistryUrl('127.0.0.1:5000'), { url: 'http://127.0.0.1:5000', host: '127.0.0.1:5000' });
  assert.deepEqual(parseRegistryUrl(' localhost:5000/ '), { url: 'http://localhost:5000', host: 'localhost:5000' });
  assert.deepEqual(parseRegistryUrl('[::1]:5443'), { url: 'http://[::1]:5443', host: '[::1]:5443' });
  assert.deepEqual(parseRegistryUrl('reg.example.com:5000/v2/'), { url: 'https://reg.example.com:5000', host: 'reg.example.com:5000' });
  assert.deepEqual(parseRegistryUrl('128.0.0.1'), { url: 'https://128.0.0.1', host: '128.0.0.1' });
  assert.deepEqual(parseRegistryUrl('https://127.0.0.1:5443'), { url: 'https://127.0.0.1:5443', host: '127.0.0.1:5443' });
});

test('bad addresses are refused with what to type instead', () => {
  assert.throws(() => parseRegistryUrl(''), /Enter the registry address/);
  assert.throws(() => parseRegistryUrl('ftp://reg.example'), /Only http:\/\/ and https:\/\//);
  assert.throws(() => parseRegistryUrl('https://bob:pw@reg.example'), /Do not put credentials in the URL/);
});
