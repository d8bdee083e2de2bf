// What a live registry event changes on screen: a push, delete or mount reloads the tag list
// of that repository (if shown), and a repository the open registry did not list yet makes
// its repository list reload. Registries are matched by host (the event's registry address).
import type { AppContext } from '../app-context';
import { startLiveEvents } from '../live-events';
import { notifyTagsChanged } from '../tag-events';
import { forgetRepositories, repositoryListed } from './registry-view';

const CHANGES = new Set(['push', 'delete', 'mount']);

export function refreshOnEvents(app: AppContext): void {
  startLiveEvents(app.api, ({ events }) => {
    let relist = false;
    const done = new Set<string>();
    for (const ev of events) {
      if (!CHANGES.has(ev.action) || !ev.registry) continue;
      for (const reg of app.registries.filter((r) => r.host === ev.registry)) {
        const key = `${reg.id}|${ev.repository}`;
        if (done.has(key)) continue;
        done.add(key);
        notifyTagsChanged(reg.id, ev.repository);
        const r = app.route;
        if (r.view === 'registry' && r.registryId === reg.id && repositoryListed(reg.id, ev.repository) === false) relist = true;
      }
    }
    if (relist) {
      forgetRepositories();
      app.navigate(app.route);
    }
  });
}
