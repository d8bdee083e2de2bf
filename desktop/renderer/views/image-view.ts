// One image: digest, pull command with copy, platforms (multi-platform index), and per
// platform: layers with sizes, the config, the history, and the raw manifest.
import type { ImageDetail, PlatformDetail, RegistrySummary } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { formatBytes, formatDate, shortDigest } from '../format';
import { icon } from '../icons';
import { button } from '../toolkit';
import { cancellableLoad, cancelledState, copyText, errorBox, loading } from '../ui';
import { openCopyDialog, openDeleteDialog, openRetagDialog } from './image-actions';
import { filesTab } from './files-tab';
import { openCompareDialog } from './compare-dialog';
import { attachedSection } from './attached-section';
import { pullToEngine, rawConfigView } from './image-tools';
import { signInFix } from './registry-dialogs';

export function renderImageView(app: AppContext, registry: RegistrySummary, repository: string, reference: string): HTMLElement {
  const host = h('div', { class: 'dh-image-host' }, loading('Reading the manifest…'));
  const back = () => app.navigate({ view: 'registry', registryId: registry.id, repository });
  let digest: string | undefined;
  const root = h(
    'div',
    { class: 'dh-image' },
    h(
      'div',
      { class: 'dh-detail-header' },
      h(
        'div',
        { class: 'dh-detail-title' },
        button(icon('back'), back, { appearance: 'icon', title: 'Back to the tags', id: 'image-back' }),
        h(
          'a',
          {
            href: '#',
            class: 'dh-crumb',
            onclick: (ev: Event) => {
              ev.preventDefault();
              back();
            },
          },
          repository,
        ),
        h('span', { class: 'dh-muted' }, '/'),
        h('h2', { id: 'image-title' }, icon('tag'), reference),
      ),
      h(
        'div',
        { class: 'dh-view-actions' },
        button([icon('copy'), ' Copy to…'], () => openCopyDialog(app, registry, repository, reference, digest), { appearance: 'secondary', id: 'image-copy' }),
        button([icon('tag'), ' Retag…'], () => openRetagDialog(app, registry, repository, reference), { appearance: 'secondary', id: 'image-retag' }),
        button([icon('layers'), ' Compare with…'], () => openCompareDialog(app, registry, repository, reference), {
          appearance: 'secondary',
          id: 'image-compare',
        }),
        button([icon('local'), ' Pull to engine'], () => pullToEngine(app, registry, repository, reference), {
          appearance: 'secondary',
          id: 'image-pull-local',
          title: 'Pull this image into the local Docker engine (Local images)',
        }),
        button([icon('trash'), ' Delete'], () => openDeleteDialog(app, registry, repository, reference, back), { appearance: 'secondary', id: 'image-delete' }),
      ),
    ),
    host,
  );
  const loads = cancellableLoad();
  const load = () => {
    const token = loads.start();
    replace(
      host,
      loading('Reading the manifest…', () => {
        loads.cancel();
        replace(host, cancelledState(`reading ${repository}:${reference}`, load));
      }),
    );
    app.api.images.detail(registry.id, repository, reference).then(
      (d) => {
        if (!loads.current(token)) return;
        digest = d.digest;
        const body = renderDetail(
          d,
          (p) => filesTab(app.api, registry.id, repository, p),
          (p) => rawConfigView(app, registry.id, repository, p.configDigest),
        );
        body.append(attachedSection(app, registry.id, repository, d.digest)); // signatures, SBOMs, attestations
        replace(host, body);
      },
      (err) => {
        if (loads.current(token)) replace(host, errorBox(err, load, `Could not read ${repository}:${reference}`, signInFix(app, registry, err)));
      },
    );
  };
  load();
  return root;
}

type PlatformPart = (p: PlatformDetail) => HTMLElement;

function renderDetail(d: ImageDetail, files: PlatformPart, rawConfig: PlatformPart): HTMLElement {
  let selected = 0;
  const platformHost = h('div', { class: 'dh-platform-host' });
  const stat = (label: string, value: string, id?: string) =>
    h('div', { class: 'dh-stat', id }, h('div', { class: 'dh-stat-label' }, label), h('div', { class: 'dh-stat-value' }, value));
  const tabs =
    d.kind === 'index'
      ? h(
          'div',
          { class: 'dh-platform-tabs', role: 'tablist', id: 'platform-tabs' },
          d.platforms.map((p, i) =>
            h(
              'button',
              {
                class: `dh-pill${i === selected ? ' active' : ''}`,
                role: 'tab',
                dataset: { platform: p.platform },
                onclick: (ev: Event) => {
                  selected = i;
                  for (const b of (ev.currentTarget as HTMLElement).parentElement!.children) b.classList.remove('active');
                  (ev.currentTarget as HTMLElement).classList.add('active');
                  drawPlatform();
                },
              },
              p.platform,
            ),
          ),
        )
      : null;
  function drawPlatform() {
    replace(platformHost, renderPlatform(d.platforms[selected], d.kind === 'index', d.rawManifest, files, rawConfig));
  }
  drawPlatform();
  return h(
    'div',
    { class: 'dh-image-body' },
    h(
      'div',
      { class: 'dh-pull' },
      h('code', { class: 'dh-mono', id: 'pull-command' }, d.pullCommand),
      button([icon('copy'), ' Copy'], () => void copyText(d.pullCommand, 'Pull command copied'), { appearance: 'primary', id: 'copy-pull' }),
    ),
    h(
      'div',
      { class: 'dh-stats' },
      stat('Digest', shortDigest(d.digest), 'image-digest'),
      stat('Type', d.kind === 'index' ? 'Index' : 'Image'),
      stat('Platforms', String(d.platforms.length), 'image-platform-count'),
      stat('Total size', formatBytes(d.size)),
      stat('Also tagged', d.siblingTags.length ? d.siblingTags.join(', ') : '—'),
    ),
    h(
      'div',
      { class: 'dh-digest-line dh-muted' },
      h('span', null, 'Digest '),
      h('code', { class: 'dh-mono dh-select' }, d.digest),
      ' ',
      h('button', { class: 'dh-link-button', onclick: () => void copyText(d.digest, 'Digest copied') }, 'copy'),
      h('span', { class: 'dh-small' }, ` · ${d.mediaType}`),
    ),
    tabs,
    platformHost,
  );
}

function renderPlatform(p: PlatformDetail | undefined, inIndex: boolean, rawManifest: string, files: PlatformPart, rawConfig: PlatformPart): HTMLElement {
  if (!p) return h('div', { class: 'dh-muted' }, 'No platform image.');
  const panels = h(
    'vscode-panels',
    { class: 'dh-panels', 'aria-label': 'Image details' },
    h('vscode-panel-tab', { id: 'tab-layers' }, `Layers (${p.layers.length})`),
    h('vscode-panel-tab', { id: 'tab-config' }, 'Config'),
    h('vscode-panel-tab', { id: 'tab-history' }, `History (${p.history.length})`),
    h('vscode-panel-tab', { id: 'tab-manifest' }, 'Platform'),
    h('vscode-panel-tab', { id: 'tab-raw' }, inIndex ? 'Index JSON' : 'Manifest JSON'),
    h('vscode-panel-tab', { id: 'tab-config-raw' }, 'Config JSON'),
    h('vscode-panel-tab', { id: 'tab-files' }, 'Files'),
    h('vscode-panel-view', { id: 'view-layers' }, layersTable(p)),
    h('vscode-panel-view', { id: 'view-config' }, configView(p)),
    h('vscode-panel-view', { id: 'view-history' }, historyView(p)),
    h(
      'vscode-panel-view',
      { id: 'view-manifest' },
      h(
        'div',
        { class: 'dh-kv' },
        kv('Platform', p.platform),
        kv(inIndex ? 'Manifest digest' : 'Digest', p.digest),
        kv('Media type', p.mediaType),
        kv('Config digest', p.configDigest ?? '—'),
        kv('Created', formatDate(p.created)),
        kv('Size', formatBytes(p.size)),
      ),
    ),
    h('vscode-panel-view', { id: 'view-raw' }, h('pre', { class: 'dh-pre dh-raw-json', tabindex: '0', 'aria-label': 'Raw manifest JSON' }, rawManifest)),
    h('vscode-panel-view', { id: 'view-config-raw' }, rawConfig(p)),
    h('vscode-panel-view', { id: 'view-files' }, files(p)),
  );
  return h('div', { class: 'dh-platform', dataset: { platform: p.platform } }, panels);
}

function kv(k: string, v: string) {
  return [h('div', { class: 'dh-k' }, k), h('div', { class: 'dh-v dh-mono' }, v)];
}

function layersTable(p: PlatformDetail): HTMLElement {
  const max = Math.max(1, ...p.layers.map((l) => l.size));
  return h(
    'table',
    { class: 'dh-table compact', id: 'layers-table' },
    h(
      'thead',
      null,
      h('tr', null, h('th', null, '#'), h('th', null, 'Digest'), h('th', null, 'Media type'), h('th', { class: 'num' }, 'Size'), h('th', { class: 'bar' }, '')),
    ),
    h(
      'tbody',
      null,
      p.layers.map((l, i) =>
        h(
          'tr',
          null,
          h('td', { class: 'dh-muted' }, String(i + 1)),
          h('td', { class: 'dh-mono', title: l.digest }, shortDigest(l.digest)),
          h('td', { class: 'dh-muted dh-small' }, l.mediaType.replace(/^application\/vnd\./, '')),
          h('td', { class: 'num' }, formatBytes(l.size)),
          h(
            'td',
            { class: 'bar' },
            h('div', { class: 'dh-bar' }, h('div', { class: 'dh-bar-fill', style: { width: `${Math.max(2, (l.size / max) * 100)}%` } })),
          ),
        ),
      ),
    ),
  );
}

function configView(p: PlatformDetail): HTMLElement {
  const c = (p.config ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v && typeof v === 'object' ? Object.keys(v) : []);
  const labels = c.Labels && typeof c.Labels === 'object' ? Object.entries(c.Labels as Record<string, unknown>) : [];
  return h(
    'div',
    { class: 'dh-config' },
    h(
      'div',
      { class: 'dh-kv' },
      kv('Entrypoint', list(c.Entrypoint).join(' ') || '—'),
      kv('Cmd', list(c.Cmd).join(' ') || '—'),
      kv('Working dir', String(c.WorkingDir ?? '') || '—'),
      kv('User', String(c.User ?? '') || '—'),
      kv('Exposed ports', list(c.ExposedPorts).join(', ') || '—'),
    ),
    h('h3', null, 'Environment'),
    list(c.Env).length ? h('pre', { class: 'dh-pre' }, list(c.Env).join('\n')) : h('p', { class: 'dh-muted' }, 'None'),
    h('h3', null, 'Labels'),
    labels.length
      ? h(
          'div',
          { class: 'dh-kv' },
          labels.map(([k, v]) => kv(k, String(v))),
        )
      : h('p', { class: 'dh-muted' }, 'None'),
  );
}

/** History steps that made a layer, in order, are the manifest's layers in order: each step shows its layer's size. */
function historyView(p: PlatformDetail): HTMLElement {
  if (!p.history.length) return h('p', { class: 'dh-muted' }, 'The image config has no history.');
  let next = 0;
  return h(
    'ol',
    { class: 'dh-history' },
    p.history.map((e) => {
      const layer = e.emptyLayer ? undefined : p.layers[next++];
      return h(
        'li',
        { class: e.emptyLayer ? 'empty' : '', dataset: layer ? { layer: layer.digest } : {} },
        h('div', { class: 'dh-mono' }, (e.createdBy ?? '').replace(/^\/bin\/sh -c #\(nop\)\s*/, '') || '(no command)'),
        h(
          'div',
          { class: 'dh-muted dh-small' },
          formatDate(e.created),
          e.emptyLayer ? ' · no layer' : layer ? ` · layer ${next}: ${formatBytes(layer.size)} (${shortDigest(layer.digest)})` : '',
          e.comment ? ` · ${e.comment}` : '',
        ),
      );
    }),
  );
}
