// jobs:* — progress and cancellation of long operations (see ../jobs.ts).
import type { DockhandApi } from '../../common';
import type { MainContext } from '../main-context';

export function jobHandlers(ctx: MainContext): DockhandApi['jobs'] {
  return {
    poll: (jobId, afterSeq, waitMs) => ctx.jobs.poll(String(jobId), Number(afterSeq) || 0, Math.max(0, Number(waitMs) || 0)),
    cancel: (jobId) => ctx.jobs.cancel(String(jobId)),
  };
}
