import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityFilterError, changedRepositories, eventTarget, matchesText, parseSince, toActivityQuery, type ActivityEvent } from './activity-query';

const NOW = Date.parse('2026-11-29T12:00:00Z');

test('since: durations count back from now, dates are normalized, anything else is refused with the forms that work', () => {
  assert.equal(parseSince('2h', NOW), '2026-11-29T10:00:00.000Z');
  assert.equal(parseSince(' 7d ', NOW), '2026-11-22T12:00:00.000Z');
  assert.equal(parseSince('2w', NOW), '2026-11-15T12:00:00.000Z');
  assert.equal(parseSince('15m', NOW), '2026-11-29T11:45:00.000Z');
  assert.equal(parseSince('2026-11-01', NOW), '2026-11-01T00:00:00.000Z');
  assert.equal(parseSince('', NOW), undefined);
  assert.throws(
    () => parseSince('yesterday', NOW),
    (e: Error) => e instanceof ActivityFilterError && /15m, 2h, 7d, 2w/.test(e.message),
  );
  assert.throws(() => parseSince('2026-13-45', NOW), ActivityFilterError);
});

test('a filter becomes a checked query: repository grammar, known actions, limit range', () => {
  assert.deepEqual(toActivityQuery({ repository: ' /team/app ', action: 'PUSH', since: '1h', text: '  Skopeo ' }, NOW), {
    limit: 500,
    repository: 'team/app',
    action: 'push',
    since: '2026-11-29T11:00:00.000Z',
    text: 'skopeo',
  });
  assert.deepEqual(toActivityQuery({}, NOW), { limit: 500 });
  assert.throws(() => toActivityQuery({ repository: 'Team/App' }), /Repository: "Team\/App" is not a repository name/);
  assert.throws(() => toActivityQuery({ repository: '../etc' }), ActivityFilterError);
  assert.throws(() => toActivityQuery({ action: 'tag' }), /Action: "tag" is not one of push, pull, delete, mount/);
  assert.throws(() => toActivityQuery({ limit: 0 }), /Limit/);
  assert.throws(() => toActivityQuery({ limit: 1.5 }), /Limit/);
});

const ev = (p: Partial<ActivityEvent>): ActivityEvent => ({ id: 'x', time: '2026-11-29T11:00:00Z', action: 'push', repository: 'team/app', ...p });

test('free text matches tag, digest, actor, address and user agent, case-insensitively (as the query lower-cases it)', () => {
  const e = ev({ tag: 'v1', actor: 'alice', sourceAddr: '10.0.0.7:5123', userAgent: 'skopeo/1.9.3' });
  for (const t of ['v1', 'alice', '10.0.0.7', 'skopeo']) assert.ok(matchesText(e, t), t);
  assert.ok(!matchesText(e, 'docker'));
  assert.ok(matchesText(e, undefined));
});

test('the cell shows the tag, else a short digest', () => {
  assert.equal(eventTarget({ tag: 'v1', digest: 'sha256:abc' }), 'v1');
  assert.equal(eventTarget({ digest: `sha256:${'a'.repeat(64)}` }), `sha256:${'a'.repeat(12)}…`);
  assert.equal(eventTarget({}), '');
});

test('changed repositories: pushes, deletes and mounts, each repository once per registry; pulls change nothing', () => {
  const got = changedRepositories([
    ev({ registry: 'h:1', repository: 'a' }),
    ev({ registry: 'h:1', repository: 'a', action: 'delete' }),
    ev({ registry: 'h:2', repository: 'a', action: 'mount' }),
    ev({ registry: 'h:1', repository: 'b', action: 'pull' }),
    ev({ repository: 'c' }),
  ]);
  assert.deepEqual(got, [{ registry: 'h:1', repository: 'a' }, { registry: 'h:2', repository: 'a' }, { repository: 'c' }]);
});
