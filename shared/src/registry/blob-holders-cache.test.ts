// The blob-holders cache: most recent holder first, refused mounts forgotten, writes from
// several processes merged (not lost), bounded size, and a foreign or oversized file ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobHoldersCache, MAX_PAIRS, MAX_HOLDERS_PER_BLOB, blobHoldersFor } from './blob-holders-cache';

const dig = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'dh-holders-')), 'sub', 'blob-holders.json');
const clock = (start = 1_000) => {
  let t = start;
  return () => ++t;
};

test('holders: most recently seen first, per registry', async () => {
  const c = new BlobHoldersCache(tempFile(), clock());
  c.record('r1', 'team/a', [dig(1)]);
  c.record('r1', 'team/b', [dig(1), dig(2)]);
  c.record('r2', 'team/c', [dig(1)]);
  assert.deepEqual(await c.holders('r1', dig(1)), ['team/b', 'team/a']);
  assert.deepEqual(await c.holders('r2', dig(1)), ['team/c']);
  assert.deepEqual(await c.holders('r1', dig(3)), []);
});

test('a refused mount is forgotten, in memory and in the file', async () => {
  const file = tempFile();
  const c = new BlobHoldersCache(file, clock());
  c.record('r1', 'team/a', [dig(1)]);
  c.record('r1', 'team/b', [dig(1)]);
  await c.flush();
  c.forget('r1', 'team/a', dig(1));
  assert.deepEqual(await c.holders('r1', dig(1)), ['team/b']);
  await c.flush();
  assert.deepEqual(await new BlobHoldersCache(file).holders('r1', dig(1)), ['team/b']);
});

test('two writers flushing at once (two processes): the file stays whole, with one side at least; the next flush brings the rest', async () => {
  const file = tempFile();
  const a = new BlobHoldersCache(file, clock(1_000));
  const b = new BlobHoldersCache(file, clock(2_000));
  a.record('r1', 'from-a', [dig(1)]);
  b.record('r1', 'from-b', [dig(2)]);
  await Promise.all([a.flush(), b.flush()]);
  const afterRace = new BlobHoldersCache(file);
  const seen = [...(await afterRace.holders('r1', dig(1))), ...(await afterRace.holders('r1', dig(2)))];
  assert.ok(seen.length >= 1, 'one of the two writes is in the file');
  a.record('r1', 'from-a', [dig(3)]);
  await a.flush();
  assert.deepEqual(await new BlobHoldersCache(file).holders('r1', dig(3)), ['from-a']);
  assert.deepEqual(
    readdirSync(join(file, '..')).filter((n) => n.endsWith('.tmp')),
    [],
    'no temp file left behind',
  );
});

test('sequential writers: the second keeps what the first wrote', async () => {
  const file = tempFile();
  const a = new BlobHoldersCache(file, clock(1_000));
  a.record('r1', 'from-a', [dig(1)]);
  await a.flush();
  const b = new BlobHoldersCache(file, clock(2_000));
  b.record('r1', 'from-b', [dig(1)]);
  await b.flush();
  assert.deepEqual(await new BlobHoldersCache(file).holders('r1', dig(1)), ['from-b', 'from-a']);
});

test(`bounded: at most ${MAX_PAIRS} pairs (the oldest go) and ${MAX_HOLDERS_PER_BLOB} holders per blob`, async () => {
  const file = tempFile();
  const c = new BlobHoldersCache(file, clock());
  for (let i = 0; i < MAX_PAIRS + 500; i++) c.record('r1', 'team/a', [dig(i)]);
  for (let i = 0; i < MAX_HOLDERS_PER_BLOB + 3; i++) c.record('r1', `many/${i}`, [dig(999_999)]);
  await c.flush();
  const json = JSON.parse(readFileSync(file, 'utf8')) as { r: Record<string, Record<string, Record<string, number>>> };
  const pairs = Object.values(json.r.r1!).reduce((n, repos) => n + Object.keys(repos).length, 0);
  assert.equal(pairs, MAX_PAIRS);
  const reread = new BlobHoldersCache(file);
  assert.deepEqual(await reread.holders('r1', dig(0)), [], 'the oldest pair was dropped');
  assert.deepEqual(await reread.holders('r1', dig(MAX_PAIRS + 499)), ['team/a']);
  assert.equal((await reread.holders('r1', dig(999_999))).length, MAX_HOLDERS_PER_BLOB);
});

test('a file in another format, corrupt JSON or a "__proto__" key: ignored or kept as a plain key', async () => {
  for (const text of ['not json', '{"v":99,"r":{}}', '[1,2]', JSON.stringify({ v: 1, r: { r1: { 'not-a-digest': { x: 1 } } } })]) {
    const file = tempFile();
    const c0 = new BlobHoldersCache(file);
    c0.record('seed', 'x', [dig(1)]);
    await c0.flush();
    writeFileSync(file, text);
    const c = new BlobHoldersCache(file, clock());
    assert.deepEqual(await c.holders('r1', dig(1)), []);
    c.record('__proto__', '__proto__', [dig(7)]);
    await c.flush();
    assert.deepEqual(await new BlobHoldersCache(file).holders('__proto__', dig(7)), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  }
});

test('blobHoldersFor: the user cache folder (XDG_CACHE_HOME), one per folder, off with DOCKHAND_BLOB_CACHE=off', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dh-xdg-'));
  const env = { XDG_CACHE_HOME: dir, HOME: dir };
  const c = blobHoldersFor(env);
  assert.equal(c?.file, join(dir, 'dockhand', 'blob-holders.json'));
  assert.equal(blobHoldersFor(env), c);
  assert.equal(blobHoldersFor({ ...env, DOCKHAND_BLOB_CACHE: 'off' }), undefined);
});
