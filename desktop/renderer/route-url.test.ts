import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashToRoute, routeToHash } from './route-url';
import type { Route } from './app-context';

test('every route survives the round trip through the URL fragment', () => {
  const routes: Route[] = [
    { view: 'welcome' },
    { view: 'local' },
    { view: 'credentials' },
    { view: 'config' },
    { view: 'registry', registryId: 'a1b2' },
    { view: 'registry', registryId: 'a1b2', repository: 'team/api' },
    { view: 'registry', registryId: 'a1b2', repository: 'team/api', reference: '1.2.0' },
    { view: 'registry', registryId: 'a1b2', repository: 'x', reference: 'sha256:abc' },
  ];
  for (const r of routes) assert.deepEqual(hashToRoute(routeToHash(r)), r, routeToHash(r));
  assert.equal(routeToHash({ view: 'registry', registryId: 'id', repository: 'team/api', reference: 'v1' }), '#/registry/id/team%2Fapi/v1');
});

test('fragments that name no screen give undefined', () => {
  for (const h of ['', '#', '#token=abc', '#/nowhere', '#/local/extra', '#/registry', '#/registry/a/b/c/d', '#/registry/%E0%A4%A'])
    assert.equal(hashToRoute(h), undefined, h);
});
