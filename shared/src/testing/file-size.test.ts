import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MAX_SOURCE_LINES, isExempt, oversizeFiles, sourceLineCounts } from './file-size';

// Over the limit for now, each with its owner (remove the entry when the file is split).
const ALLOWED = new Set<string>([]);

test('a source file over the limit fails the rule; tests, schemas and allowed files do not', () => {
  const files = [
    { path: 'shared/src/registry/big.ts', lines: MAX_SOURCE_LINES + 1 },
    { path: 'desktop/renderer/views/fine.ts', lines: MAX_SOURCE_LINES },
    { path: 'shared/src/registry/big.test.ts', lines: 900 },
    { path: 'shared/src/config/schema/json-schema.ts', lines: 900 },
    { path: 'extension/src/allowed.ts', lines: 900 },
  ];
  assert.deepEqual(oversizeFiles(files, new Set(['extension/src/allowed.ts'])), [
    `shared/src/registry/big.ts: ${MAX_SOURCE_LINES + 1} lines (at most ${MAX_SOURCE_LINES}; split it along its seams)`,
  ]);
  assert.equal(isExempt('extension/src/tree/registriesProvider.ts'), false);
  assert.equal(isExempt('extension/webview/details.ts'), false);
});

test(`no source file of shared/src, extension/ or desktop/ is over ${MAX_SOURCE_LINES} lines (tests and schemas aside)`, () => {
  const root = join(__dirname, '../../..');
  const counts = sourceLineCounts(root);
  // The scan itself works: it sees the big files of each tree.
  for (const f of ['shared/src/registry/client.ts', 'extension/src/tree/registriesProvider.ts', 'desktop/main/registry-store.ts'])
    assert.ok(
      counts.some((c) => c.path === f && c.lines > 100),
      `${f} not counted`,
    );
  assert.deepEqual(oversizeFiles(counts, ALLOWED), []);
  for (const path of ALLOWED)
    assert.ok(
      counts.some((c) => c.path === path && c.lines > MAX_SOURCE_LINES),
      `${path} is no longer over the limit: take it off ALLOWED`,
    );
});
