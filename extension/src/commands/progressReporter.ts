// Turns progress events (engine layers, registry blob copies) into a notification's
// message and increments.
import type * as vscode from 'vscode';
import type { EngineProgressEvent as EngineProgress } from '@dockhand/shared/engine';
import type { RegistryProgressEvent as RegistryProgress } from '@dockhand/shared/registry';
import { formatBytes } from '@dockhand/shared/format';

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

export function engineProgressReporter(progress: Progress): (e: EngineProgress) => void {
  const layers = new Map<string, { current: number; total: number }>();
  let reported = 0;
  return (e) => {
    if (e.kind === 'status') return progress.report({ message: e.message });
    if (e.kind === 'digest') return progress.report({ message: `digest ${e.digest.slice(0, 19)}` });
    if (e.total) layers.set(e.id, { current: e.current ?? 0, total: e.total });
    if (e.state === 'pushed' || e.state === 'pulled' || e.state === 'exists' || e.state === 'mounted') {
      const l = layers.get(e.id);
      if (l) l.current = l.total;
    }
    let done = 0;
    let total = 0;
    for (const l of layers.values()) {
      done += l.current;
      total += l.total;
    }
    const pct = total ? Math.floor((done / total) * 100) : 0;
    const increment = Math.max(0, pct - reported);
    reported = Math.max(reported, pct);
    progress.report({ message: `${e.id.slice(0, 12)} ${e.state}${total ? ` (${formatBytes(done)} of ${formatBytes(total)})` : ''}`, increment });
  };
}

export function registryProgressReporter(progress: Progress): (e: RegistryProgress) => void {
  let reported = 0;
  return (e) => {
    let increment: number | undefined;
    if (e.bytesDone !== undefined && e.bytesTotal) {
      const pct = Math.floor((e.bytesDone / e.bytesTotal) * 100);
      increment = Math.max(0, pct - reported);
      reported = Math.max(reported, pct);
    }
    progress.report({ message: e.message, ...(increment ? { increment } : {}) });
  };
}
