import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogPage, DockhandApi } from '../common';
import { CatalogStream, catalogProgress, repoCountLabel } from './catalog-stream';
import { filterNames } from './repo-filter';

/** (fake repositories API) pages served from a list; page `failAt` fails. */
function fakeApi(pages: string[][], failAt?: number) {
  const calls: Array<string | undefined> = [];
  const stopped: string[] = [];
  const api = {
    list: async () => pages.flat(),
    page: async (_id: string, cursor?: string): Promise<CatalogPage> => {
      calls.push(cursor);
      const n = cursor ? Number(cursor) : 0;
      if (n === failAt) throw new Error('catalog page failed');
      return n + 1 < pages.length ? { names: pages[n], cursor: String(n + 1) } : { names: pages[n] ?? [] };
    },
    stopPaging: async (cursor: string) => {
      stopped.push(cursor);
    },
  } satisfies DockhandApi['repositories'];
  return { api, calls, stopped };
}

const settle = (s: CatalogStream) => new Promise<void>((resolve) => (s.onChange = () => catalogProgress(s) !== 'reading' && resolve()));

test('the first page is there when start() resolves; the rest arrives page by page into the filter index, repeats kept once', async () => {
  const { api, calls } = fakeApi([['a/1', 'a/2'], ['b/1', 'a/2'], ['c/1']]);
  const s = new CatalogStream(api, 'r1');
  const done = settle(s);
  await s.start();
  assert.deepEqual(s.names.slice(0, 2), ['a/1', 'a/2']);
  await done;
  assert.deepEqual(s.names, ['a/1', 'a/2', 'b/1', 'c/1']);
  assert.deepEqual(filterNames(s.index, 'b'), ['b/1']);
  assert.equal(catalogProgress(s), 'complete');
  assert.deepEqual(calls, [undefined, '1', '2']);
});

test('stop keeps what arrived and tells the main process to stop reading', async () => {
  const { api, calls, stopped } = fakeApi([['a'], ['b'], ['c'], ['d'], ['e']]);
  const s = new CatalogStream(api, 'r1');
  await s.start();
  s.stop();
  const asked = calls.length;
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(calls.length, asked, 'no page is asked for after the stop');
  assert.equal(catalogProgress(s), 'partial');
  assert.ok(!s.names.includes('e'));
  // the cursor that was live at the stop, and the one the page on its way brought, are both given back
  assert.deepEqual(stopped, calls.length > 1 ? [calls[calls.length - 1], String(calls.length)] : ['1']);
});

test('a failing later page keeps the first pages and says so', async () => {
  const { api } = fakeApi([['a'], ['b'], ['c']], 2);
  const s = new CatalogStream(api, 'r1');
  const done = settle(s);
  await s.start();
  await done;
  assert.deepEqual(s.names, ['a', 'b']);
  assert.match(String(s.error), /catalog page failed/);
  assert.equal(catalogProgress(s), 'partial');
});

test('the count says "so far" while pages arrive, and "the first N" after a stop', () => {
  assert.equal(repoCountLabel(1000, 1000, false, 'reading'), '1,000 so far');
  assert.equal(repoCountLabel(5, 1000, true, 'reading'), '5 of 1,000 so far');
  assert.equal(repoCountLabel(10, 10000, true, 'complete'), '10 of 10,000');
  assert.equal(repoCountLabel(10000, 10000, false, 'complete'), '10,000');
  assert.equal(repoCountLabel(3000, 3000, false, 'partial'), 'first 3,000');
  assert.equal(repoCountLabel(4, 3000, true, 'partial'), '4 of the first 3,000');
});
