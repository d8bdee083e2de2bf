import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes } from './bytes';

test('formatBytes', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(300 * 1024), '300 KiB');
  assert.equal(formatBytes(5 * 1024 * 1024 * 1024), '5.0 GiB');
  assert.equal(formatBytes(-1), '?');
});
