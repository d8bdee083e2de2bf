// Lints off the caller's thread: one worker thread (lint-worker-entry.ts, bundled by the
// caller) with a memory limit and a deadline per request, so that a hostile file can
// neither freeze an editor's extension host nor take its memory. A request that runs past
// its deadline ends the worker (a new one starts on the next request) and comes back as a
// `lint-timeout` diagnostic. Node only.
import { Worker } from 'node:worker_threads';
import type { LintReply, LintRequest } from './lint-worker-entry';
import type { NodeFileCheckerOptions } from './files/node-file-checker';
import type { Diagnostic, LintOptions, LintResult } from './types';

export interface LintRunnerOptions {
  /** The worker script (the bundled lint-worker-entry). */
  workerFile: string;
  /** Deadline per request (default 20 s). */
  timeoutMs?: number;
  /** Old-generation heap limit of the worker (default 512 MB). */
  maxHeapMb?: number;
}

export interface RunResult extends LintResult {
  /** The thread that linted (never the caller's). */
  threadId: number;
}

interface Pending {
  resolve: (r: RunResult) => void;
  timer: NodeJS.Timeout;
  req: LintRequest;
  worker?: Worker;
}

const ZERO = { line: 0, col: 0, offset: 0 };

export class LintRunner {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly opts: LintRunnerOptions) {}

  lint(input: string | Uint8Array, options: Omit<LintOptions, 'files'> = {}, files?: NodeFileCheckerOptions): Promise<RunResult> {
    if (this.disposed) return Promise.resolve(failed('lint-failed', 'The linter was shut down.'));
    const id = this.nextId++;
    const timeoutMs = this.opts.timeoutMs ?? 20_000;
    return new Promise<RunResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(failed('lint-timeout', `Dockhand stopped linting this file after ${Math.round(timeoutMs / 1000)} s: it was not checked.`));
        this.restart();
      }, timeoutMs);
      this.send({ resolve, timer, req: { id, input, options, files } });
    });
  }

  dispose(): void {
    this.disposed = true;
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  private send(p: Pending): void {
    p.worker = this.ensureWorker();
    this.pending.set(p.req.id, p);
    p.worker.postMessage(p.req);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.opts.workerFile, { resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb ?? 512 } });
    w.unref();
    w.on('message', (reply: LintReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      p.resolve({ ...reply.result, threadId: reply.threadId });
    });
    const fail = (why: string) => {
      if (this.worker === w) this.worker = undefined;
      for (const [id, p] of this.pending) {
        if (p.worker !== w) continue;
        clearTimeout(p.timer);
        this.pending.delete(id);
        p.resolve(failed('lint-failed', `Dockhand's linter stopped (${why}): this file was not checked.`));
      }
    };
    w.on('error', (err) => fail(err.message));
    w.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = w;
    return w;
  }

  /** End the worker stuck on a timed-out request; requests queued behind it go to a new one. */
  private restart(): void {
    const w = this.worker;
    if (!w) return;
    this.worker = undefined;
    const waiting = [...this.pending.values()].filter((p) => p.worker === w);
    for (const p of waiting) this.pending.delete(p.req.id);
    void w.terminate();
    if (!this.disposed) for (const p of waiting) this.send(p);
  }
}

function failed(code: string, message: string): RunResult {
  const d: Diagnostic = { code, severity: 'warning', message, range: { start: ZERO, end: ZERO } };
  return { diagnostics: [d], version: '3', versionSource: 'default', threadId: -1 };
}
