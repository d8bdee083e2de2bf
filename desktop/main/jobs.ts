// Long operations (push, copy) run in the main process as jobs. The renderer polls their
// events (`jobs:poll`, a long poll) and may cancel them; the same request/response model
// works over Electron IPC and over HTTP in served mode.
import { randomUUID } from 'node:crypto';
import type { ErrorInfo, JobEvent, JobRef, JobSnapshot } from '../common';
import { toErrorInfo } from './error-info';

type EventBody = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'seq'> : never) : never;

export interface JobContext {
  emit(event: EventBody): void;
  signal: AbortSignal;
}

interface Job {
  id: string;
  title: string;
  state: JobSnapshot['state'];
  events: JobEvent[];
  result?: JobSnapshot['result'];
  error?: ErrorInfo;
  controller: AbortController;
  waiters: Set<() => void>;
  finishedAt?: number;
}

const MAX_EVENTS = 5000;
const KEEP_FINISHED_MS = 10 * 60_000;

export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  start(title: string, run: (ctx: JobContext) => Promise<JobSnapshot['result']>): JobRef {
    this.prune();
    const job: Job = { id: randomUUID(), title, state: 'running', events: [], controller: new AbortController(), waiters: new Set() };
    this.jobs.set(job.id, job);
    let seq = 0;
    const wake = () => {
      for (const w of job.waiters) w();
      job.waiters.clear();
    };
    const ctx: JobContext = {
      signal: job.controller.signal,
      emit: (event) => {
        if (job.state !== 'running') return;
        job.events.push({ ...event, seq: ++seq } as JobEvent);
        if (job.events.length > MAX_EVENTS) job.events.splice(0, job.events.length - MAX_EVENTS);
        wake();
      },
    };
    void (async () => {
      try {
        const result = await run(ctx);
        job.state = job.controller.signal.aborted ? 'cancelled' : 'succeeded';
        job.result = result;
      } catch (err) {
        job.state = job.controller.signal.aborted ? 'cancelled' : 'failed';
        job.error = toErrorInfo(err);
      } finally {
        job.finishedAt = Date.now();
        wake();
      }
    })();
    return { jobId: job.id, title };
  }

  async poll(jobId: string, afterSeq: number, waitMs: number): Promise<JobSnapshot> {
    const job = this.get(jobId);
    const after = Number.isFinite(afterSeq) ? afterSeq : 0;
    const hasNew = () => job.events.length > 0 && job.events[job.events.length - 1].seq > after;
    if (job.state === 'running' && !hasNew() && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(
          () => {
            job.waiters.delete(done);
            resolve();
          },
          Math.min(waitMs, 30_000),
        );
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        job.waiters.add(done);
      });
    }
    return {
      jobId: job.id,
      title: job.title,
      state: job.state,
      events: job.events.filter((e) => e.seq > after),
      lastSeq: job.events.length ? job.events[job.events.length - 1].seq : after,
      result: job.result,
      error: job.error,
    };
  }

  async cancel(jobId: string): Promise<void> {
    const job = this.get(jobId);
    if (job.state === 'running') job.controller.abort(new Error('Cancelled by the user.'));
  }

  /** Abort every running job (app shutdown). */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.state === 'running') job.controller.abort(new Error('Dockhand is shutting down.'));
  }

  private get(jobId: string): Job {
    const job = typeof jobId === 'string' ? this.jobs.get(jobId) : undefined;
    if (!job)
      throw Object.assign(new Error(`No such job: ${String(jobId).slice(0, 60)}. It may have finished more than 10 minutes ago.`), { name: 'JobNotFound' });
    return job;
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt && now - job.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
