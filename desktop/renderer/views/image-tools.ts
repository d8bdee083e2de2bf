// The image view's raw config JSON (read when its tab is first shown) and "Pull to engine"
// (a job in the jobs dock; Local images reloads when it is done).
import type { RegistrySummary } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { formatBytes } from '../format';
import { CANCELLED, errorBox, errorMessage, loadInto, toast } from '../ui';
import { watchJob } from './jobs-panel';
import { notifyLocalImagesChanged } from './local-images';

/** The platform image's config blob as formatted JSON; read once, when the panel first becomes visible. */
export function rawConfigView(app: AppContext, registryId: string, repository: string, configDigest: string | undefined): HTMLElement {
  const host = h('div', { class: 'dh-raw-config', id: 'raw-config' });
  if (!configDigest) {
    replace(host, h('p', { class: 'dh-muted' }, 'This manifest has no image config.'));
    return host;
  }
  let started = false;
  const read = () => {
    if (started) return;
    started = true;
    const retry = () => {
      started = false;
      read();
    };
    loadInto(host, 'Reading the config blob…', 'reading the config blob', () => app.api.imagetools.rawConfig(registryId, repository, configDigest), retry).then(
      (c) => {
        if (c === CANCELLED) return;
        replace(
          host,
          h('p', { class: 'dh-muted dh-small' }, `${configDigest} · ${formatBytes(c.size)}${c.truncated ? ' · shown in part (first 2 MiB)' : ''}`),
          h('pre', { class: 'dh-pre dh-raw-json', tabindex: '0', 'aria-label': 'Raw config JSON' }, c.json),
        );
      },
      (err) => {
        started = false;
        replace(host, errorBox(err, read, 'Could not read the image config'));
      },
    );
  };
  // The panel view is hidden until its tab is chosen: read when it first shows.
  new IntersectionObserver((entries, obs) => {
    if (entries.some((e) => e.isIntersecting)) {
      obs.disconnect();
      read();
    }
  }).observe(host);
  return host;
}

export function pullToEngine(app: AppContext, registry: RegistrySummary, repository: string, reference: string): void {
  void app.api.imagetools.pullToEngine(registry.id, repository, reference).then(
    (job) =>
      watchJob(app, job, (snap) => {
        if (snap.state === 'succeeded') notifyLocalImagesChanged();
      }),
    (err) => toast(`Could not pull ${repository}:${reference}: ${errorMessage(err)}`, 'error'),
  );
}
