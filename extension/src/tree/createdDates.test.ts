import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreatedDates } from './createdDates';
import { sortTagNames } from '@dockhand/shared/tags';

/** A fake inspect whose answers the test releases one by one, counting calls in flight. */
function fakeFetch(dates: Record<string, string | undefined>, failing: string[] = []) {
  const calls: string[] = [];
  const held: Array<() => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = (tag: string) => {
    calls.push(tag);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<string | undefined>((resolve, reject) => {
      held.push(() => {
        inFlight--;
        if (failing.includes(tag)) reject(new Error(`inspect ${tag} failed`));
        else resolve(dates[tag]);
      });
    });
  };
  const releaseAll = async () => {
    while (held.length) {
      held.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { fetch, calls, held, releaseAll, maxInFlight: () => maxInFlight };
}

const tags = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(2, '0')}`);
const dates = Object.fromEntries(tags.map((t, i) => [t, new Date(Date.UTC(2024, 0, 1 + ((i * 7) % 40))).toISOString()]));

test('CreatedDates (fake inspect): at most `concurrency` fetches run at once, and every tag gets its date', async () => {
  const d = new CreatedDates(3);
  const f = fakeFetch(dates);
  const loading = d.load('reg|repo', tags, f.fetch);
  await new Promise((r) => setImmediate(r));
  assert.equal(f.held.length, 3, 'only three inspections started before any finished');
  await f.releaseAll();
  await loading;
  assert.equal(f.maxInFlight(), 3);
  assert.deepEqual([...f.calls].sort(), tags);
  assert.deepEqual(d.missing('reg|repo', tags), []);
  assert.deepEqual(Object.fromEntries(d.known('reg|repo', tags)), dates);
});

test('CreatedDates (fake inspect): until dates arrive the tags sort by name; afterwards by date', async () => {
  const d = new CreatedDates(4);
  const f = fakeFetch(dates);
  const shuffled = [...tags].reverse();
  const loading = d.load('reg|repo', shuffled, f.fetch);
  assert.deepEqual(
    sortTagNames(shuffled, 'date', 'desc', (t) => ({ created: d.known('reg|repo', shuffled).get(t) })),
    tags,
    'name order while nothing is known',
  );
  await f.releaseAll();
  await loading;
  const byDate = sortTagNames(shuffled, 'date', 'desc', (t) => ({ created: d.known('reg|repo', shuffled).get(t) }));
  const times = byDate.map((t) => Date.parse(dates[t]!));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
    'newest first',
  );
});

test('CreatedDates (fake inspect): cached and in-flight tags are not fetched again; failures cache no date; forget drops a scope', async () => {
  const d = new CreatedDates(2);
  const f = fakeFetch(dates, ['t01']);
  const first = d.load('reg|a', ['t00', 't01', 't02'], f.fetch);
  const second = d.load('reg|a', ['t00', 't01', 't02'], f.fetch); // joins the in-flight ones
  await f.releaseAll();
  await Promise.all([first, second]);
  assert.deepEqual([...f.calls].sort(), ['t00', 't01', 't02']);
  await d.load('reg|a', ['t00', 't01', 't02'], f.fetch);
  assert.equal(f.calls.length, 3, 'cached: no new fetch');
  assert.equal(d.known('reg|a', ['t01']).get('t01'), undefined);
  assert.deepEqual(d.missing('reg|a', ['t01']), [], 'a failed tag is cached as having no date');
  assert.equal(d.known('reg|a', ['t00']).get('t00'), dates.t00);

  d.forget('reg|a');
  assert.deepEqual(d.missing('reg|a', ['t00', 't02']), ['t00', 't02']);
});

test('CreatedDates: a concurrency below one is refused', () => {
  assert.throws(() => new CreatedDates(0), /at least 1/);
});
