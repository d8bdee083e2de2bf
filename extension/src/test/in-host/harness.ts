// A tiny test harness for suites that run inside the VS Code extension host (node:test
// cannot run there: its runner spawns processes without the `vscode` module). Tests are
// registered with test(), run in order by runAll(), and their results are written as JSON
// to $DOCKHAND_INHOST_RESULTS so the outer node:test e2e file reports each one.
import { writeFileSync } from 'node:fs';

export interface InHostResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

type Fn = () => Promise<void> | void;
const tests: Array<{ name: string; fn: Fn; timeoutMs: number }> = [];
const afters: Fn[] = [];

export function test(name: string, fn: Fn, timeoutMs = 120_000): void {
  tests.push({ name, fn, timeoutMs });
}

/** Runs after all tests, even when some fail. */
export function after(fn: Fn): void {
  afters.push(fn);
}

function withTimeout<T>(p: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`in-host test "${name}" timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export async function runAll(filter?: RegExp): Promise<InHostResult[]> {
  const results: InHostResult[] = [];
  for (const t of tests) {
    if (filter && !filter.test(t.name)) continue;
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
      results.push({ name: t.name, ok: true, ms: Date.now() - started });
      console.log(`in-host ok: ${t.name}`);
    } catch (err) {
      const error = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
      results.push({ name: t.name, ok: false, ms: Date.now() - started, error });
      console.error(`in-host FAIL: ${t.name}\n${error}`);
    }
  }
  for (const fn of afters) {
    try {
      await fn();
    } catch (err) {
      console.error('in-host after() failed', err);
    }
  }
  const out = process.env.DOCKHAND_INHOST_RESULTS;
  if (out) writeFileSync(out, JSON.stringify(results, null, 2));
  return results;
}
