// Image details webview script (runs inside the webview: DOM only, no Node). Renders the
// DetailsData posted by the host with the webview UI toolkit's components; every message
// is checked with the shared protocol's type guards. Text is always set with textContent.
import { isHostMessage, type DetailsData, type PlatformInfo, type WebviewMessage, type DetailsState } from '../src/webview/protocol';
import { attachedSection, rememberPackages } from './attached';
import { formatBytes } from '@dockhand/shared/format';

interface VsCodeApi {
  postMessage(m: WebviewMessage): void;
  setState(s: DetailsState): void;
  getState(): DetailsState | undefined;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let selected = 0;
let last: DetailsData | undefined;

type Child = Node | string | undefined | false;
function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== undefined && c !== false) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

function copyButton(text: string, label = 'Copy'): HTMLElement {
  const b = el('vscode-link', { href: '#', class: 'copy', 'aria-label': `${label} ${text}`, title: `${label}: ${text}` }, 'copy');
  b.addEventListener('click', (ev) => {
    ev.preventDefault();
    vscode.postMessage({ type: 'copy', text });
  });
  return b;
}

function table(head: string[], rows: Array<Array<Node | string>>, cls = ''): HTMLElement {
  return el(
    'table',
    { class: `grid ${cls}` },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
}

function kv(rows: Array<[string, Node | string | undefined]>): HTMLElement {
  return el(
    'dl',
    { class: 'kv' },
    ...rows.filter(([, v]) => v !== undefined && v !== '').flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v as Node | string)]),
  );
}

function code(text: string): HTMLElement {
  return el('code', {}, text);
}

function platformView(p: PlatformInfo): HTMLElement {
  const c = p.config;
  const layers = table(
    ['#', 'Digest', 'Size', 'Media type'],
    p.layers.map((l, i) => [String(i + 1), el('span', { class: 'digest' }, code(l.digest), copyButton(l.digest)), formatBytes(l.size), l.mediaType]),
    'layers',
  );
  const env = c?.env.length ? el('ul', { class: 'env' }, ...c.env.map((e) => el('li', {}, code(e)))) : el('p', { class: 'muted' }, 'No environment variables');
  const labels =
    c && Object.keys(c.labels).length
      ? table(
          ['Label', 'Value'],
          Object.entries(c.labels).map(([k, v]) => [code(k), v]),
        )
      : el('p', { class: 'muted' }, 'No labels');
  const history = c?.history.length
    ? table(
        ['Created', 'Created by', ''],
        c.history.map((h) => [
          h.created ? new Date(h.created).toISOString().replace('T', ' ').slice(0, 19) : '',
          code(h.createdBy ?? h.comment ?? ''),
          h.emptyLayer ? el('span', { class: 'tag' }, 'empty') : '',
        ]),
        'history',
      )
    : el('p', { class: 'muted' }, 'No history');
  return el(
    'div',
    { class: 'platform' },
    el(
      'section',
      {},
      el('h2', {}, 'Config'),
      kv([
        ['Platform', p.platform],
        ['Manifest', el('span', { class: 'digest' }, code(p.digest), copyButton(p.digest))],
        ['Created', c?.created ? new Date(c.created).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : undefined],
        ['Entrypoint', c?.entrypoint ? code(JSON.stringify(c.entrypoint)) : undefined],
        ['Cmd', c?.cmd ? code(JSON.stringify(c.cmd)) : undefined],
        ['Working dir', c?.workingDir],
        ['User', c?.user],
        ['Exposed ports', c?.exposedPorts.length ? c.exposedPorts.join(', ') : undefined],
        ['Size', `${formatBytes(p.size)} (${p.layers.length} layers)`],
      ]),
    ),
    el('section', {}, el('h2', {}, 'Environment'), env),
    el('section', {}, el('h2', {}, 'Labels'), labels),
    el('section', {}, el('h2', {}, `Layers (${p.layers.length})`), layers),
    el('section', {}, el('h2', {}, 'History'), history),
  );
}

function render(given: DetailsData): void {
  last = given;
  // With the attachments known, attestation manifests are listed under "Attached", not as platforms.
  const d = given.attached ? { ...given, platforms: given.platforms.filter((p) => !p.attestation) } : given;
  const runnable = d.platforms.filter((p) => !p.attestation);
  if (selected >= d.platforms.length) selected = 0;
  const header = el(
    'header',
    {},
    el('h1', {}, d.reference),
    el(
      'div',
      { class: 'badges' },
      el('span', { class: 'tag' }, d.isIndex ? `index · ${runnable.length} platforms` : 'image'),
      el('span', { class: 'tag' }, `total ${formatBytes(d.totalSize)}`),
    ),
    kv([
      ['Digest', el('span', { class: 'digest' }, code(d.digest), copyButton(d.digest, 'Copy digest'))],
      ['Media type', d.mediaType],
      ['Platforms', d.platforms.map((p) => p.platform + (p.attestation ? ' (attestation)' : '')).join(', ')],
    ]),
  );
  const toolbar = el('div', { class: 'toolbar' });
  if (d.platforms.length > 1) {
    // A native <select>: the toolkit's dropdown writes style attributes (its list's max-height),
    // which the page's CSP (no inline styles) refuses with a console error on every open.
    const dropdown = el(
      'select',
      { id: 'platform', class: 'platform-select' },
      ...d.platforms.map((p, i) =>
        el('option', { value: String(i), ...(i === selected ? { selected: '' } : {}) }, p.platform + (p.attestation ? ' (attestation)' : '')),
      ),
    );
    dropdown.addEventListener('change', () => {
      selected = Number((dropdown as HTMLSelectElement).value) || 0;
      render(d);
    });
    toolbar.append(el('label', { for: 'platform' }, 'Platform '), dropdown);
  }
  const manifestBtn = el('vscode-button', { appearance: 'secondary' }, 'Open raw manifest');
  manifestBtn.addEventListener('click', () => vscode.postMessage({ type: 'openManifest', digest: d.digest }));
  const refreshBtn = el('vscode-button', { appearance: 'secondary' }, 'Refresh');
  refreshBtn.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  toolbar.append(manifestBtn, refreshBtn);
  const platforms = d.platforms.length
    ? el(
        'section',
        {},
        el('h2', {}, 'Platforms'),
        table(
          ['Platform', 'Digest', 'Size', 'Layers'],
          d.platforms.map((p, i) => {
            const link = el('a', { href: '#', class: i === selected ? 'selected' : '' }, p.platform + (p.attestation ? ' (attestation)' : ''));
            link.addEventListener('click', (ev) => {
              ev.preventDefault();
              selected = i;
              render(d);
            });
            return [link, code(p.digest.slice(0, 19)), formatBytes(p.size), String(p.layers.length)];
          }),
          'platforms',
        ),
      )
    : el('p', {}, 'No platforms');
  const referrers = el(
    'section',
    {},
    el('h2', {}, `Referrers (${d.referrers.length})`),
    d.referrers.length
      ? table(
          ['Artifact type', 'Digest', 'Size'],
          d.referrers.map((r) => [r.artifactType ?? r.mediaType, code(r.digest), formatBytes(r.size)]),
        )
      : el('p', { class: 'muted' }, 'No signatures, SBOMs or other referrers'),
  );
  const current = d.platforms[selected];
  const attached = d.attached ? attachedSection(el, formatBytes, d.attached, (m) => vscode.postMessage(m)) : referrers;
  app.replaceChildren(header, toolbar, el('vscode-divider', {}), platforms, current ? platformView(current) : '', attached);
}

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const msg = ev.data;
  if (!isHostMessage(msg)) return;
  switch (msg.type) {
    case 'state':
      vscode.setState(msg.state);
      break;
    case 'loading':
      app.replaceChildren(
        el('p', { class: 'muted' }, `Loading ${msg.reference}…`),
        el('span', { class: 'spinner', role: 'progressbar', 'aria-label': 'Loading' }),
      );
      break;
    case 'error': {
      const retry = el('vscode-button', {}, 'Retry');
      retry.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
      app.replaceChildren(el('h1', {}, msg.reference), el('p', { class: 'error', role: 'alert' }, msg.message), retry);
      break;
    }
    case 'details':
      render(msg.data);
      break;
    case 'attachmentPackages':
      rememberPackages(msg.digest, msg.format, msg.packages);
      if (last) render(last);
      document.getElementById('attached')?.scrollIntoView();
      break;
  }
});

vscode.postMessage({ type: 'ready' });
