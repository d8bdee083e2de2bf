import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogPaging } from './catalog-paging';

async function* pagesOf(pages: string[][], seen: { asked: number; closed: boolean; signal?: AbortSignal }) {
  try {
    for (const p of pages) {
      seen.asked++;
      yield p;
    }
  } finally {
    seen.closed = true;
  }
}

test('pages come one call at a time, each with a fresh single-use cursor, until one without a cursor', async () => {
  const paging = new CatalogPaging();
  const seen = { asked: 0, closed: false };
  const first = await paging.first('r1', () => pagesOf([['a', 'b'], ['c'], ['d']], seen));
  assert.deepEqual(first.names, ['a', 'b']);
  assert.ok(first.cursor);
  const second = await paging.next('r1', first.cursor);
  assert.deepEqual(second.names, ['c']);
  await assert.rejects(() => paging.next('r1', first.cursor!), /stopped or has timed out/, 'a cursor is used once');
  const third = await paging.next('r1', second.cursor!);
  assert.deepEqual(third.names, ['d']);
  const end = await paging.next('r1', third.cursor!);
  assert.deepEqual(end, { names: [] });
  assert.equal(paging.open, 0);
});

test("stop aborts the read (its signal) and closes the registry's page iterator; another registry's id cannot use a cursor", async () => {
  const paging = new CatalogPaging();
  const seen = { asked: 0, closed: false };
  let signal: AbortSignal | undefined;
  const first = await paging.first('r1', (s) => {
    signal = s;
    return pagesOf([['a'], ['b'], ['c']], seen);
  });
  await assert.rejects(() => paging.next('r2', first.cursor!), /stopped/);
  assert.equal(signal?.aborted, true, 'a cursor shown to the wrong registry ends the read');
  const again = await paging.first('r1', (s) => {
    signal = s;
    return pagesOf([['a'], ['b'], ['c']], seen);
  });
  paging.stop(again.cursor!);
  assert.equal(signal?.aborted, true);
  assert.equal(paging.open, 0);
});

test('a failing page ends the read and reaches the caller', async () => {
  const paging = new CatalogPaging();
  async function* failing() {
    yield ['a'];
    throw new Error('catalog page 2: HTTP 500');
  }
  const first = await paging.first('r1', () => failing());
  await assert.rejects(() => paging.next('r1', first.cursor!), /HTTP 500/);
  assert.equal(paging.open, 0);
});

test('a read nobody asks on is dropped after the idle time', async () => {
  const paging = new CatalogPaging(20);
  let signal: AbortSignal | undefined;
  await paging.first('r1', (s) => {
    signal = s;
    return pagesOf([['a'], ['b']], { asked: 0, closed: false });
  });
  await new Promise<void>((resolve) => {
    const poll = () => (signal?.aborted ? resolve() : setTimeout(poll, 10));
    poll();
  });
  assert.equal(paging.open, 0);
});
