// The floating progress panel of long jobs (push, copy): one bar per layer, status lines,
// cancel. Follows the job with jobs:poll (long poll) until it ends.
import type { JobRef, JobSnapshot } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { formatBytes } from '../format';
import { icon } from '../icons';
import { button } from '../toolkit';
import { errorMessage, toast } from '../ui';

let panel: HTMLElement | undefined;

export function watchJob(app: AppContext, job: JobRef, onDone?: (s: JobSnapshot) => void): void {
  // The shell's dock (app.ts); a page without the shell gets a panel of its own.
  panel ??= document.getElementById('jobs-panel') ?? document.body.appendChild(h('div', { class: 'dh-jobs', id: 'jobs-panel', 'aria-live': 'polite' }));
  const layers = new Map<string, { state: string; current?: number; total?: number }>();
  // Scrolls when there are many layers: focusable, so the keyboard can scroll it too.
  const layerHost = h('div', { class: 'dh-job-layers', tabindex: '0', role: 'region', 'aria-label': `Layers of ${job.title}` });
  const status = h('div', { class: 'dh-job-status dh-muted' }, 'Starting…');
  const stateChip = h('span', { class: 'dh-chip accent dh-job-state' }, 'running');
  const cancel = button(
    [icon('x'), ' Cancel'],
    () => {
      void app.api.jobs.cancel(job.jobId);
      cancel.setAttribute('disabled', '');
    },
    { appearance: 'secondary', cls: 'dh-job-cancel' },
  );
  const close = button(icon('x'), () => card.remove(), { appearance: 'icon', title: `Dismiss ${job.title}`, cls: 'dh-job-dismiss' });
  close.classList.add('hidden');
  const card = h(
    'div',
    { class: 'dh-job', dataset: { jobId: job.jobId } },
    h('div', { class: 'dh-job-head' }, icon('upload'), h('span', { class: 'dh-job-title' }, job.title), stateChip, close),
    status,
    layerHost,
    h('div', { class: 'dh-job-foot' }, cancel),
  );
  panel.appendChild(card);

  const draw = () =>
    replace(
      layerHost,
      [...layers.entries()].map(([id, l]) => {
        const pct = l.total
          ? Math.min(100, Math.round(((l.current ?? 0) / l.total) * 100))
          : ['pushed', 'exists', 'mounted', 'pulled'].includes(l.state)
            ? 100
            : 0;
        return h(
          'div',
          { class: `dh-layer-row ${l.state}`, dataset: { layer: id, state: l.state } },
          h('span', { class: 'dh-mono dh-layer-id' }, id.replace(/^sha256:/, '').slice(0, 12)),
          h('div', { class: 'dh-bar' }, h('div', { class: 'dh-bar-fill', style: { width: `${pct}%` } })),
          h('span', { class: 'dh-layer-state dh-small' }, l.total && l.state === 'pushing' ? `${formatBytes(l.current)} / ${formatBytes(l.total)}` : l.state),
        );
      }),
    );

  let after = 0;
  const loop = async () => {
    for (;;) {
      let snap: JobSnapshot;
      try {
        snap = await app.api.jobs.poll(job.jobId, after, 15000);
      } catch (err) {
        status.textContent = `Lost track of this job: ${errorMessage(err)}`;
        return;
      }
      for (const e of snap.events) {
        if (e.kind === 'layer') layers.set(e.id, { state: e.state, current: e.current, total: e.total });
        else if (e.kind === 'status') status.textContent = e.message;
        else status.textContent = `Digest ${e.digest}`;
      }
      after = snap.lastSeq;
      draw();
      if (snap.state !== 'running') {
        stateChip.textContent = snap.state;
        stateChip.className = `dh-chip dh-job-state ${snap.state === 'succeeded' ? 'ok' : snap.state === 'failed' ? 'error' : 'warning'}`;
        card.dataset.state = snap.state;
        if (snap.state === 'succeeded') status.textContent = snap.result?.message ?? 'Done';
        else if (snap.error) status.textContent = snap.error.hint ? `${snap.error.message} ${snap.error.hint}` : snap.error.message;
        status.classList.toggle('dh-error-text', snap.state === 'failed');
        cancel.remove();
        close.classList.remove('hidden');
        toast(`${job.title}: ${snap.state}`, snap.state === 'succeeded' ? 'ok' : snap.state === 'failed' ? 'error' : 'info');
        onDone?.(snap);
        return;
      }
    }
  };
  void loop();
}
