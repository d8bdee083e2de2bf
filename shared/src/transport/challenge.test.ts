import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseWwwAuthenticate, findChallenge, challengeScopes } from './challenge';

const root = process.env.DOCKHAND_REPO_ROOT ?? resolve(__dirname, '../../..');
const dir = join(root, 'test/fixtures/challenges');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('there are challenge fixtures for the major registries', () => {
  for (const name of ['docker-hub', 'ghcr', 'gitlab-insufficient-scope', 'quay', 'ecr', 'nexus-basic', 'nexus-bearer']) {
    assert.ok(fixtures.includes(`${name}.json`), `missing fixture ${name}`);
  }
});

for (const file of fixtures) {
  test(`WWW-Authenticate fixture ${file}`, () => {
    const fx = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { header: string; expected: unknown };
    assert.deepEqual(parseWwwAuthenticate(fx.header), fx.expected);
  });
}

test('several header lines are parsed in order', () => {
  const out = parseWwwAuthenticate(['Basic realm="a"', 'Bearer realm="https://x/token",service="s"']);
  assert.deepEqual(
    out.map((c) => c.scheme),
    ['basic', 'bearer'],
  );
  assert.equal(findChallenge(out, 'Bearer')?.params.service, 's');
});

test('empty, missing and junk headers do not throw', () => {
  assert.deepEqual(parseWwwAuthenticate(undefined), []);
  assert.deepEqual(parseWwwAuthenticate(''), []);
  assert.deepEqual(parseWwwAuthenticate(' , ,'), []);
  const junk = parseWwwAuthenticate('Bearer realm="unterminated');
  assert.equal(junk[0]?.params.realm, 'unterminated');
});

test('a bare scheme with no parameters', () => {
  assert.deepEqual(parseWwwAuthenticate('Basic'), [{ scheme: 'basic', params: {} }]);
  assert.deepEqual(
    parseWwwAuthenticate('Basic, Bearer realm="r"').map((c) => c.scheme),
    ['basic', 'bearer'],
  );
});

test('challengeScopes splits the space-separated scope parameter', () => {
  const [c] = parseWwwAuthenticate('Bearer realm="r",scope="repository:a:pull repository:b:pull,push"');
  assert.deepEqual(challengeScopes(c), ['repository:a:pull', 'repository:b:pull,push']);
  assert.deepEqual(challengeScopes(undefined), []);
});

test('a duplicated parameter keeps the first value', () => {
  const [c] = parseWwwAuthenticate('Bearer realm="https://first/",realm="https://second/"');
  assert.equal(c?.params.realm, 'https://first/');
});
