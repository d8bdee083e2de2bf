// The SQL both event stores share (sql-store.ts), on the real SQLite store: retention compaction,
// the free-text filter applied before the limit, per-tag dates scoped to one registry, and
// Dockhand's own reads (its User-Agent) left out of last-pulled. PostgreSQL runs the same
// scenarios (store-scenarios.ts) in test/integration/events-postgres.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite-store';
import { checkCompaction, checkTagDates, checkTextBeforeLimit } from './store-scenarios';
import type { EventStore } from './store';
import { dockhandUserAgent, isDockhandUserAgent } from '../transport/user-agent';

async function withStore(fn: (s: EventStore) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-store-'));
  const store = await openSqliteStore(join(dir, 'events.db'));
  try {
    await fn(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('compaction by retention removes old events, keeps new ones and each tag newest push and pull', () => withStore(checkCompaction));
test('the text filter applies before the limit', () => withStore(checkTextBeforeLimit));
test('tag dates are per registry and repository, and Dockhand’s own reads are not pulls', () => withStore(checkTagDates));

test('Dockhand’s User-Agents are recognised, others are not', () => {
  for (const ua of [dockhandUserAgent(), dockhandUserAgent('vscode'), dockhandUserAgent('desktop'), 'Dockhand/9.9']) assert.ok(isDockhandUserAgent(ua), ua);
  for (const ua of ['skopeo/1.9.3', 'docker/20.10.24 go/go1.19', 'dockhandle/1', '', undefined]) assert.equal(isDockhandUserAgent(ua), false, String(ua));
});
