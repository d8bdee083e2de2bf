import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextLink } from './link-header';

const BASE = 'http://127.0.0.1:5000/v2/team/app/tags/list?n=50';

test('rel="next" is followed, relative or absolute, whatever else the header holds', () => {
  assert.equal(nextLink('</v2/team/app/tags/list?last=b&n=50>; rel="next"', BASE)?.href, 'http://127.0.0.1:5000/v2/team/app/tags/list?last=b&n=50');
  assert.equal(
    nextLink(['<https://docs.example.test/help>; rel="help"', '</v2/_catalog?last=z>; rel=next'], 'http://127.0.0.1:5000/v2/_catalog')?.pathname,
    '/v2/_catalog',
  );
  assert.equal(nextLink('</other>; rel="prev next"', BASE)?.pathname, '/other');
});

test('no header, an empty one, or only other relations: no next page', () => {
  assert.equal(nextLink(undefined, BASE), undefined);
  assert.equal(nextLink('', BASE), undefined);
  assert.equal(nextLink('</v2/team/app/tags/list?last=a>; rel="prev"', BASE), undefined);
  assert.equal(nextLink('<>', BASE), undefined);
});

test('a link without rel is the next page when it names the same endpoint (go-containerregistry follows it)', () => {
  assert.equal(nextLink('</v2/team/app/tags/list?last=q&n=50>', BASE)?.search, '?last=q&n=50');
  assert.equal(nextLink('<http://127.0.0.1:5000/v2/team/app/tags/list?last=q>; title="more"', BASE)?.search, '?last=q');
});

test('a link without rel elsewhere is not followed, and rel="next" wins over a rel-less link', () => {
  assert.equal(nextLink('</v2/team/other/tags/list?last=q>', BASE), undefined);
  assert.equal(nextLink('<https://docs.example.test/paging>', BASE), undefined);
  assert.equal(nextLink('</v2/team/app/tags/list?last=relless>, </v2/team/app/tags/list?last=next>; rel="next"', BASE)?.search, '?last=next');
});
