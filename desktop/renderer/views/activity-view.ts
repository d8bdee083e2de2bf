// Activity: the registry's events as the receiver stored them (time, action, repository,
// tag or digest, actor, source address, user agent), filtered by repository, action, time
// and free text, and updated live. The receiver panel starts and stops `dockhand listen`,
// shows its address and token, and copies the `notifications:` block for config.yml.
// The list is a grid for the keyboard: one row holds the focus (roving tabindex), arrows,
// Home/End, PageUp/PageDown move it, Enter opens the tag in its registry.
import type { ActivityEventInfo, ActivityFilterInput, ReceiverInfo } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { formatDate, relativeDate, shortDigest } from '../format';
import { icon } from '../icons';
import { listKey } from '../list-keys';
import { onLiveEvents } from '../live-events';
import { button, checkbox, dropdown, textField } from '../toolkit';
import { copyText, emptyState, errorBox, errorMessage, loading, toast } from '../ui';

const filter: ActivityFilterInput = {};

export function renderActivityView(app: AppContext): HTMLElement {
  const receiverHost = h('section', { class: 'dh-receiver', 'aria-label': 'Event receiver', id: 'receiver-panel' });
  const listHost = h('div', { class: 'dh-activity-host' }, loading('Reading events…'));
  const count = h('span', { class: 'dh-chip', id: 'activity-count', role: 'status' }, '…');
  let receiver: ReceiverInfo = { state: 'stopped' };
  let rows: ActivityEventInfo[] = [];
  let active = 0;
  let reading = false;
  let again = false;

  const field = (key: 'repository' | 'since' | 'text', label: string, placeholder: string) =>
    textField({
      id: `activity-${key}`,
      ariaLabel: label,
      placeholder,
      value: filter[key] ?? '',
      cls: 'dh-filter',
      oninput: (v) => {
        filter[key] = v;
        reload();
      },
    });
  const actions = dropdown([{ value: '', label: 'All actions' }, ...['push', 'pull', 'delete', 'mount'].map((a) => ({ value: a, label: a }))], {
    id: 'activity-action',
    ariaLabel: 'Action',
    value: filter.action ?? '',
    onchange: (v) => {
      filter.action = v;
      reload();
    },
  });
  const filters = h(
    'div',
    { class: 'dh-activity-filters', role: 'search', 'aria-label': 'Filter events' },
    field('repository', 'Repository', 'Repository (team/app)'),
    actions,
    field('since', 'Since', 'Since (2h, 7d, 2026-11-01)'),
    field('text', 'Tag, digest, actor, address or user agent', 'Tag, actor, address, agent…'),
  );

  const root = h(
    'div',
    { class: 'dh-view dh-activity' },
    h(
      'header',
      { class: 'dh-view-header' },
      h('div', { class: 'dh-view-title' }, icon('layers'), h('h1', null, 'Activity'), count),
      h(
        'div',
        { class: 'dh-view-actions' },
        button(icon('refresh'), () => reload(), { appearance: 'icon', title: 'Reload events', id: 'activity-refresh' }),
      ),
    ),
    receiverHost,
    filters,
    listHost,
  );

  function drawReceiver() {
    if (receiver.state === 'running') {
      const token = receiver.ingestToken;
      const pulls = checkbox('Record pulls too', { id: 'receiver-pulls', checked: true });
      replace(
        receiverHost,
        h(
          'div',
          { class: 'dh-receiver-line' },
          h('span', { class: 'dh-chip ok', id: 'receiver-state' }, icon('check'), `Receiving on ${receiver.addr}`),
          h('span', { class: 'dh-muted' }, receiver.origin === 'attached' ? 'found running (receiver.json)' : `started here (pid ${receiver.pid ?? '?'})`),
          button([icon('x'), ' Stop receiver'], () => void stop(), { appearance: 'secondary', id: 'receiver-stop' }),
        ),
        h(
          'dl',
          { class: 'dh-receiver-facts' },
          h('dt', null, 'Endpoint'),
          h('dd', { class: 'dh-mono', id: 'receiver-endpoint' }, receiver.endpointUrl ?? ''),
          h('dt', null, 'Token'),
          h(
            'dd',
            null,
            token
              ? [
                  h('span', { class: 'dh-mono', id: 'receiver-token' }, token),
                  ' ',
                  button(icon('copy'), () => void copyText(token, 'Token copied'), { appearance: 'icon', title: 'Copy the token' }),
                ]
              : h('span', { class: 'dh-muted' }, 'set where the receiver was started'),
          ),
          receiver.store ? [h('dt', null, 'Store'), h('dd', { class: 'dh-mono' }, receiver.store)] : null,
        ),
        h(
          'div',
          { class: 'dh-receiver-line' },
          pulls,
          button(
            [icon('copy'), ' Copy notifications block'],
            () =>
              void app.api.events.configBlock(pulls.checked).then(
                (text) => copyText(text, "notifications: block copied; paste it into the registry's config.yml and restart it"),
                (e) => toast(`Could not make the notifications block: ${errorMessage(e)}`, 'error'),
              ),
            { appearance: 'secondary', id: 'receiver-copy-block', title: "The notifications: block for config.yml, with this receiver's URL and token" },
          ),
        ),
      );
    } else {
      const addr = textField({ id: 'receiver-addr', ariaLabel: 'Listen on (host:port)', value: '127.0.0.1:5050', cls: 'dh-filter' });
      replace(
        receiverHost,
        h(
          'div',
          { class: 'dh-receiver-line' },
          h('span', { class: 'dh-chip', id: 'receiver-state' }, 'Receiver stopped'),
          h('label', { class: 'dh-muted', for: 'receiver-addr' }, 'Listen on'),
          addr,
          button([icon('upload'), ' Start receiver'], () => void start(addr.value), { appearance: 'primary', id: 'receiver-start' }),
        ),
        h(
          'p',
          { class: 'dh-muted dh-small' },
          receiver.message ? `${receiver.message} ` : '',
          "The registry posts an event for every push, pull, mount and delete to this receiver, which keeps them in a local database. Start it, then add the notifications: block it gives you to the registry's config.yml.",
        ),
      );
    }
  }

  async function start(addr: string) {
    replace(receiverHost, loading('Starting the receiver…'));
    try {
      receiver = await app.api.events.start(addr.trim() || undefined);
      toast(`Receiver listening on ${receiver.addr}`, 'ok');
    } catch (e) {
      receiver = { state: 'stopped', message: `The receiver did not start: ${errorMessage(e)}` };
      toast(receiver.message!, 'error');
    }
    drawReceiver();
    reload();
  }

  async function stop() {
    try {
      receiver = await app.api.events.stop();
    } catch (e) {
      toast(`Could not stop the receiver: ${errorMessage(e)}`, 'error');
    }
    drawReceiver();
    reload();
  }

  function reload() {
    if (reading) {
      again = true;
      return;
    }
    if (receiver.state !== 'running') {
      count.textContent = '—';
      replace(
        listHost,
        emptyState('layers', 'No receiver running', 'Start the receiver above to see who pushed, pulled and deleted what.'),
      );
      return;
    }
    reading = true;
    app.api.events
      .list({ ...filter })
      .then(
        (r) => {
          rows = r;
          draw();
        },
        (e) => {
          count.textContent = '—';
          replace(listHost, errorBox(e, reload, 'Could not read the events'));
        },
      )
      .finally(() => {
        reading = false;
        if (again) {
          again = false;
          reload();
        }
      });
  }

  const open = (ev: ActivityEventInfo) => {
    const reg = app.registries.find((r) => r.host === ev.registry);
    if (!reg) {
      toast(ev.registry ? `${ev.registry} is not in your registries: add it to browse it.` : 'The event does not name its registry.', 'info');
      return;
    }
    app.navigate({ view: 'registry', registryId: reg.id, repository: ev.repository, ...(ev.tag && ev.action !== 'delete' ? { reference: ev.tag } : {}) });
  };

  function rowFor(ev: ActivityEventInfo, i: number): HTMLElement {
    return h(
      'tr',
      {
        class: `dh-clickable${i === active ? ' active' : ''}`,
        tabindex: i === active ? '0' : '-1',
        'aria-rowindex': String(i + 2),
        dataset: { id: ev.id, action: ev.action, repo: ev.repository, tag: ev.tag ?? '' },
        onclick: () => {
          active = i;
          open(ev);
        },
        onfocus: () => {
          active = i;
        },
      },
      h('td', { title: formatDate(ev.time) }, relativeDate(ev.time) || formatDate(ev.time)),
      h('td', null, h('span', { class: `dh-chip dh-action-${ev.action}` }, ev.action)),
      h('td', { class: 'dh-mono' }, ev.repository),
      h('td', { class: 'dh-mono', title: ev.digest ?? '' }, ev.tag ?? shortDigest(ev.digest)),
      h('td', null, ev.actor ?? '—'),
      h('td', { class: 'dh-mono' }, ev.sourceAddr ?? '—'),
      h('td', { class: 'dh-muted dh-small', title: ev.userAgent ?? '' }, ev.userAgent ?? '—'),
    );
  }

  function draw() {
    count.textContent = `${rows.length} event${rows.length === 1 ? '' : 's'}`;
    if (!rows.length) {
      replace(
        listHost,
        emptyState(
          'layers',
          'No events',
          Object.values(filter).some(Boolean)
            ? 'No event matches the filters.'
            : 'Nothing received yet: push an image to a registry whose config.yml sends its notifications here.',
        ),
      );
      return;
    }
    const hadFocus = listHost.contains(document.activeElement) && document.activeElement?.tagName === 'TR';
    active = Math.min(active, rows.length - 1);
    const tbody = h('tbody', null, rows.map(rowFor));
    const table = h(
      'table',
      { class: 'dh-table', id: 'activity-table', role: 'grid', 'aria-label': 'Registry events, newest first', 'aria-rowcount': String(rows.length + 1) },
      h(
        'thead',
        null,
        h(
          'tr',
          { 'aria-rowindex': '1' },
          ['Time', 'Action', 'Repository', 'Tag or digest', 'Actor', 'Source address', 'User agent'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      tbody,
    );
    const scroller = h('div', { class: 'dh-table-scroll' }, table);
    tbody.addEventListener('keydown', (ev) => {
      if ((ev.target as HTMLElement).tagName !== 'TR') return;
      const r = listKey(ev.key, active, rows.length, Math.max(1, Math.floor(scroller.clientHeight / 34) - 2));
      if (r.index !== undefined) {
        ev.preventDefault();
        for (const tr of tbody.children) {
          (tr as HTMLElement).tabIndex = -1;
          tr.classList.remove('active');
        }
        active = r.index;
        const tr = tbody.children[active] as HTMLElement;
        tr.tabIndex = 0;
        tr.classList.add('active');
        tr.focus();
      } else if (r.open && rows[active]) {
        ev.preventDefault();
        open(rows[active]);
      }
    });
    replace(listHost, scroller);
    if (hadFocus) (tbody.children[active] as HTMLElement | undefined)?.focus();
  }

  onLiveEvents(root, (batch) => {
    const changed = batch.receiver.state !== receiver.state || batch.receiver.addr !== receiver.addr;
    receiver = batch.receiver;
    if (changed) drawReceiver();
    reload();
  });
  replace(receiverHost, loading('Looking for a running receiver…'));
  app.api.events.status().then(
    (s) => {
      receiver = s;
      drawReceiver();
      reload();
    },
    (e) => {
      replace(receiverHost, errorBox(e, undefined, 'Could not ask for the receiver'));
    },
  );
  return root;
}
