// The jobs namespace of DockhandApi (see index.ts): long operations running in the main
// process (push, copy), followed by long polling, and cancelled.
import { arg, type MethodArgs } from './args';
import type { ErrorInfo } from './errors';

/** A long operation running in the main process. */
export interface JobRef {
  jobId: string;
  title: string;
}

export type JobEvent =
  | { seq: number; kind: 'layer'; id: string; state: string; current?: number; total?: number }
  | { seq: number; kind: 'status'; message: string }
  | { seq: number; kind: 'digest'; digest: string };

export interface JobSnapshot {
  jobId: string;
  title: string;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** Events after `afterSeq`, in order. */
  events: JobEvent[];
  /** Highest seq so far. */
  lastSeq: number;
  result?: { digest?: string; ref?: string; message?: string };
  error?: ErrorInfo;
}

export interface JobsApi {
  /** Events after `afterSeq`; waits up to `waitMs` for new ones (long poll). */
  poll(jobId: string, afterSeq: number, waitMs: number): Promise<JobSnapshot>;
  cancel(jobId: string): Promise<void>;
}

export const JOBS_METHODS = {
  poll: [
    ['jobId', arg.id],
    ['afterSeq', arg.int(0, Number.MAX_SAFE_INTEGER)],
    ['waitMs', arg.int(0, 60_000)],
  ],
  cancel: [['jobId', arg.id]],
} as const satisfies MethodArgs<JobsApi>;
