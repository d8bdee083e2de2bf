// The on-disk layer index cache: round trip, corrupt files dropped, least recently used
// evicted under the size cap, the folder chosen per platform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LayerIndexCache, defaultCacheRoot } from './index-cache';
import type { LayerIndex } from './layer-index';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const index = (n: number, files = 10): LayerIndex => ({
  digest: digest(n),
  compression: 'gzip',
  tarSize: 1000,
  entries: Array.from({ length: files }, (_, i) => ({
    path: `f/${i}-${randomBytes(8).toString('hex')}`,
    type: 'file' as const,
    size: i,
    mode: 0o644,
    uid: 1,
    gid: 2,
    sha256: randomBytes(32).toString('hex'),
  })),
});

test('an index round-trips; a corrupt or foreign file is dropped, not trusted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-cache-test-'));
  const cache = new LayerIndexCache({ dir });
  const a = index(1);
  a.entries.push({ path: 'l', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, link: '/etc' });
  await cache.put(a);
  assert.deepEqual(await cache.get(digest(1)), a);
  assert.equal(await cache.get(digest(2)), undefined);
  writeFileSync(join(dir, `${digest(3).replace(':', '-')}.json.gz`), 'not gzip');
  assert.equal(await cache.get(digest(3)), undefined);
  assert.ok(!readdirSync(dir).some((f) => f.startsWith(digest(3).replace(':', '-'))), 'the corrupt file is removed');
  // A file stored under one digest that claims another is refused.
  const b = index(4);
  await cache.put(b);
  copyFileSync(join(dir, `${digest(4).replace(':', '-')}.json.gz`), join(dir, `${digest(5).replace(':', '-')}.json.gz`));
  assert.equal(await cache.get(digest(5)), undefined);
  await assert.rejects(cache.get('latest'), /not a digest/);
});

test('the folder stays under its size cap, evicting the least recently used first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-cache-test-'));
  const probe = new LayerIndexCache({ dir });
  await probe.put(index(100, 2000));
  const one = await probe.size();
  const cache = new LayerIndexCache({ dir, maxBytes: Math.floor(one * 2.5) });
  await cache.put(index(101, 2000));
  const old = new Date(Date.now() - 60_000);
  utimesSync(join(dir, `${digest(100).replace(':', '-')}.json.gz`), old, old);
  utimesSync(join(dir, `${digest(101).replace(':', '-')}.json.gz`), new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
  assert.ok(await cache.get(digest(100)), 'reading 100 makes it the most recently used');
  await cache.put(index(102, 2000));
  assert.ok((await cache.size()) <= cache.maxBytes);
  assert.ok(await cache.get(digest(100)));
  assert.equal(await cache.get(digest(101)), undefined, '101 was the least recently used');
  assert.ok(await cache.get(digest(102)));
});

test('cache folder per platform, DOCKHAND_CACHE_DIR first', () => {
  assert.equal(defaultCacheRoot({ DOCKHAND_CACHE_DIR: '/x', HOME: '/h' }, 'linux'), '/x');
  assert.equal(defaultCacheRoot({ HOME: '/h' }, 'linux'), '/h/.cache/dockhand');
  assert.equal(defaultCacheRoot({ HOME: '/h', XDG_CACHE_HOME: '/c' }, 'linux'), '/c/dockhand');
  assert.equal(defaultCacheRoot({ HOME: '/h' }, 'darwin'), '/h/Library/Caches/dockhand');
  assert.match(defaultCacheRoot({ HOME: '/h', LOCALAPPDATA: 'C:\\L' }, 'win32'), /dockhand.Cache$/);
});
