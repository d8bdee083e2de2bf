import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeRegistryConfig } from './looksLikeRegistryConfig';

test('looksLikeRegistryConfig needs a top-level version 0.1 and a storage section', () => {
  assert.ok(looksLikeRegistryConfig('version: 0.1\nstorage:\n  filesystem: {}\n'));
  assert.ok(looksLikeRegistryConfig('# registry\nversion: "0.1"\nlog:\n  level: info\nstorage: # here\n  inmemory: {}\n'));
  assert.ok(!looksLikeRegistryConfig('version: "3.8"\nservices:\n  registry: {}\n'));
  assert.ok(!looksLikeRegistryConfig('version: 0.1\nhttp:\n  addr: :5000\n'));
  assert.ok(!looksLikeRegistryConfig('  version: 0.1\n  storage:\n'));
});
