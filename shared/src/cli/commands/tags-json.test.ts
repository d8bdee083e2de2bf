// tags --json streams the list page by page in exactly the text printJson gives for the whole
// list, and waits for a slow reader instead of buffering the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { writeJsonArray } from './tags';

async function* pagesOf(pages: string[][]): AsyncIterable<string[]> {
  for (const p of pages) yield p;
}

for (const pages of [[], [['v1']], [['a', 'b"quoted"'], [], ['c\\d', 'é']], [Array.from({ length: 2500 }, (_, i) => `t${i}`), ['last']]]) {
  const all = pages.flat();
  test(`${all.length} tags in ${pages.length} pages: the same text as JSON.stringify(list, null, 2)`, async () => {
    let text = '';
    const out = new Writable({
      write(c, _e, cb) {
        text += String(c);
        cb();
      },
    });
    await writeJsonArray(out, pagesOf(pages));
    assert.equal(text, JSON.stringify(all, null, 2) + '\n');
  });
}

test('a slow reader: at most a few slices are buffered at once', async () => {
  let maxBuffered = 0;
  const out = new Writable({
    highWaterMark: 1024,
    write(_c, _e, cb) {
      maxBuffered = Math.max(maxBuffered, out.writableLength);
      setImmediate(cb);
    },
  });
  await writeJsonArray(out, pagesOf([Array.from({ length: 50_000 }, (_, i) => `tag-${i}`)]));
  assert.ok(maxBuffered < 100_000, `buffered ${maxBuffered} bytes of ~900 KB`);
});
