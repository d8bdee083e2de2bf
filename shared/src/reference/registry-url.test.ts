import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRegistryUrlError, defaultRegistryScheme, normalizeRegistryUrl, parseRegistryUrl, registryHost, registryUrlForHost } from './registry-url';

const refused = (reason: string, message: RegExp) => (err: unknown) =>
  err instanceof InvalidRegistryUrlError && err.reason === reason && message.test(err.message);

test('an address without a scheme gets http:// on loopback and https:// elsewhere (what the ping tries first)', () => {
  assert.deepEqual(parseRegistryUrl('127.0.0.1:5000'), { url: 'http://127.0.0.1:5000', host: '127.0.0.1:5000', scheme: 'http', schemeGiven: false });
  assert.deepEqual(parseRegistryUrl(' localhost:5000/ '), { url: 'http://localhost:5000', host: 'localhost:5000', scheme: 'http', schemeGiven: false });
  assert.equal(parseRegistryUrl('[::1]:5443').url, 'http://[::1]:5443');
  assert.deepEqual(parseRegistryUrl('reg.example.com:5000/v2/'), {
    url: 'https://reg.example.com:5000',
    host: 'reg.example.com:5000',
    scheme: 'https',
    schemeGiven: false,
  });
  assert.equal(parseRegistryUrl('128.0.0.1').url, 'https://128.0.0.1');
  assert.deepEqual(parseRegistryUrl('https://127.0.0.1:5443'), { url: 'https://127.0.0.1:5443', host: '127.0.0.1:5443', scheme: 'https', schemeGiven: true });
  assert.equal(defaultRegistryScheme('localhost'), 'http');
  assert.equal(defaultRegistryScheme('ghcr.io'), 'https');
  assert.equal(registryUrlForHost('127.0.0.1:5000'), 'http://127.0.0.1:5000');
  assert.equal(registryUrlForHost('ghcr.io'), 'https://ghcr.io');
});

test('normalizeRegistryUrl keeps a given scheme, lower-cases the host, drops trailing slashes and paths, and refuses credentials', () => {
  assert.equal(normalizeRegistryUrl(' http://localhost:5000/ '), 'http://localhost:5000');
  assert.equal(normalizeRegistryUrl('https://R.example.com'), 'https://r.example.com');
  assert.equal(normalizeRegistryUrl('https://r.example.com/v2/'), 'https://r.example.com');
  assert.equal(normalizeRegistryUrl('https://u:p@r.example.com'), undefined);
  assert.equal(normalizeRegistryUrl('ftp://r.example.com'), undefined);
  assert.equal(normalizeRegistryUrl('https://r.example.com/?x=1'), undefined);
  assert.equal(normalizeRegistryUrl('r_example.com'), undefined);
  assert.equal(normalizeRegistryUrl(''), undefined);
  assert.equal(registryHost('http://127.0.0.1:5000'), '127.0.0.1:5000');
});

test('bad addresses are refused with a reason and what to type instead', () => {
  assert.throws(() => parseRegistryUrl(''), refused('empty', /Enter the registry address/));
  assert.throws(() => parseRegistryUrl('ftp://reg.example'), refused('scheme', /Only http:\/\/ and https:\/\//));
  assert.throws(() => parseRegistryUrl('https://bob:pw@reg.example'), refused('credentials', /Do not put credentials in the URL/));
  assert.throws(() => parseRegistryUrl('https://reg.example#x'), refused('query', /query or fragment/));
  assert.throws(() => parseRegistryUrl('https://'), refused('syntax', /host\[:port\]/));
});
