// The Activity webview script (DOM only, no Node): the receiver line, the filter bar and the
// events grid. The grid is keyboard-driven: one row holds the focus (roving tabindex);
// arrows, Home/End and PageUp/PageDown move it. Text is always set with textContent.
import {
  isActivityHostMessage,
  type ActivityFilterView,
  type ActivityRow,
  type ActivityWebviewMessage,
  type ReceiverView,
} from '../src/events/activityProtocol';

interface VsCodeApi {
  postMessage(m: ActivityWebviewMessage): void;
  setState(s: ActivityFilterView): void;
  getState(): ActivityFilterView | undefined;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
const filter: ActivityFilterView = vscode.getState() ?? {};
let receiver: ReceiverView = { state: 'stopped' };
let rows: ActivityRow[] = [];
let active = 0;

function el(tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string | undefined>): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== undefined) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

function btn(label: string, id: string, message: ActivityWebviewMessage, primary = false): HTMLElement {
  const b = el('button', { id, type: 'button', class: primary ? 'primary' : 'secondary' }, label);
  b.addEventListener('click', () => vscode.postMessage(message));
  return b;
}

function time(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 19);
}

const receiverLine = el('section', { id: 'receiver', 'aria-label': 'Event receiver' });
const status = el('p', { id: 'activity-status', role: 'status', class: 'muted' });
const gridHost = el('div', { id: 'grid-host' });

function input(key: 'repository' | 'since' | 'text', label: string, placeholder: string): HTMLElement {
  const id = `filter-${key}`;
  const i = el('input', { id, type: 'text', placeholder, value: filter[key] ?? '' }) as HTMLInputElement;
  let timer: ReturnType<typeof setTimeout> | undefined;
  i.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      filter[key] = i.value;
      changed();
    }, 250);
  });
  return el('label', { for: id }, el('span', {}, label), i);
}

function changed(): void {
  vscode.setState(filter);
  vscode.postMessage({ type: 'filter', filter: { ...filter } });
}

const actionSelect = el(
  'select',
  { id: 'filter-action' },
  ...['', 'push', 'pull', 'delete', 'mount'].map((a) => el('option', { value: a }, a || 'All actions')),
) as HTMLSelectElement;
actionSelect.value = filter.action ?? '';
actionSelect.addEventListener('change', () => {
  filter.action = actionSelect.value;
  changed();
});

app.replaceChildren(
  el('h1', {}, 'Registry Activity'),
  receiverLine,
  el(
    'div',
    { class: 'filters', role: 'search', 'aria-label': 'Filter events' },
    input('repository', 'Repository', 'team/app'),
    el('label', { for: 'filter-action' }, el('span', {}, 'Action'), actionSelect),
    input('since', 'Since', '2h, 7d, 2026-11-01'),
    input('text', 'Tag, actor, address, agent', 'text'),
  ),
  status,
  gridHost,
);

function drawReceiver(): void {
  if (receiver.state === 'running') {
    receiverLine.replaceChildren(
      el('span', { class: 'chip ok', id: 'receiver-state' }, `Receiving on ${receiver.addr ?? '?'}`),
      el('span', { class: 'muted' }, receiver.origin === 'attached' ? ' found running ' : ` started here (pid ${receiver.pid ?? '?'}) `),
      el('code', { id: 'receiver-endpoint' }, receiver.endpointUrl ?? ''),
      receiver.hasToken ? btn('Copy Token', 'receiver-copy-token', { type: 'copyToken' }) : '',
      btn('Add Notifications to config.yml…', 'receiver-add-notifications', { type: 'addNotifications' }),
      btn('Stop Receiver', 'receiver-stop', { type: 'stop' }),
    );
  } else {
    receiverLine.replaceChildren(
      el('span', { class: 'chip', id: 'receiver-state' }, 'Receiver stopped'),
      el('span', { class: 'muted' }, ` ${receiver.message ?? ''} `),
      btn('Start Receiver', 'receiver-start', { type: 'start' }, true),
    );
  }
}

function focusRow(tbody: HTMLElement, i: number): void {
  for (const tr of Array.from(tbody.children)) {
    (tr as HTMLElement).tabIndex = -1;
    tr.classList.remove('active');
  }
  active = i;
  const tr = tbody.children[i] as HTMLElement | undefined;
  if (tr) {
    tr.tabIndex = 0;
    tr.classList.add('active');
    tr.focus();
  }
}

function drawRows(): void {
  status.textContent =
    receiver.state !== 'running'
      ? 'Start the receiver to see who pushed, pulled and deleted what.'
      : `${rows.length} event${rows.length === 1 ? '' : 's'}, newest first`;
  if (!rows.length) {
    gridHost.replaceChildren(receiver.state === 'running' ? el('p', { class: 'muted', id: 'no-events' }, 'No events match.') : '');
    return;
  }
  const hadFocus = gridHost.contains(document.activeElement) && document.activeElement?.tagName === 'TR';
  active = Math.min(active, rows.length - 1);
  const tbody = el(
    'tbody',
    {},
    ...rows.map((r, i) =>
      el(
        'tr',
        {
          tabindex: i === active ? '0' : '-1',
          class: i === active ? 'active' : '',
          'aria-rowindex': String(i + 2),
          'data-action': r.action,
          'data-repo': r.repository,
          'data-tag': r.tag ?? '',
        },
        el('td', { title: r.time }, time(r.time)),
        el('td', {}, el('span', { class: `chip action-${r.action}` }, r.action)),
        el('td', {}, el('code', {}, r.repository)),
        el('td', { title: r.digest ?? '' }, el('code', {}, r.tag ?? (r.digest ? `${r.digest.slice(0, 19)}…` : ''))),
        el('td', {}, r.actor ?? '—'),
        el('td', {}, el('code', {}, r.sourceAddr ?? '—')),
        el('td', { class: 'muted agent', title: r.userAgent ?? '' }, r.userAgent ?? '—'),
      ),
    ),
  );
  tbody.addEventListener('keydown', (ev) => {
    const page = 10;
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: active + page,
      PageUp: active - page,
    };
    if (!(ev.key in moves)) return;
    ev.preventDefault();
    focusRow(tbody, Math.max(0, Math.min(rows.length - 1, moves[ev.key])));
  });
  tbody.addEventListener('focusin', (ev) => {
    const tr = (ev.target as HTMLElement).closest('tr');
    if (tr) active = Array.from(tbody.children).indexOf(tr);
  });
  gridHost.replaceChildren(
    el(
      'table',
      { id: 'activity-grid', class: 'grid', role: 'grid', 'aria-label': 'Registry events, newest first', 'aria-rowcount': String(rows.length + 1) },
      el(
        'thead',
        {},
        el(
          'tr',
          { 'aria-rowindex': '1' },
          ...['Time (UTC)', 'Action', 'Repository', 'Tag or digest', 'Actor', 'Source address', 'User agent'].map((c) => el('th', { scope: 'col' }, c)),
        ),
      ),
      tbody,
    ),
  );
  if (hadFocus) focusRow(tbody, active);
}

window.addEventListener('message', (ev: MessageEvent) => {
  const m: unknown = ev.data;
  if (!isActivityHostMessage(m)) return;
  if (m.type === 'receiver') {
    receiver = m.receiver;
    drawReceiver();
    drawRows();
  } else if (m.type === 'events') {
    rows = m.rows;
    drawRows();
  } else status.textContent = m.message;
});

drawReceiver();
vscode.postMessage({ type: 'filter', filter: { ...filter } });
vscode.postMessage({ type: 'ready' });
