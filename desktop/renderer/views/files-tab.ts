// The Files tab of an image: the files a container of this platform image starts with, read
// from the registry without pulling (whiteouts applied), as a folder tree walked with
// breadcrumbs: sizes, modes, owners and the layer that last wrote each entry; a viewer for
// text files; and the space wasted on files later layers overwrite or delete.
import type { DockhandApi, FileContent, FileRow, ImageFilesSummary, PlatformDetail } from '../../common';
import { h, replace } from '../dom';
import { formatBytes } from '../format';
import { icon } from '../icons';
import { button } from '../toolkit';
import { CANCELLED, errorBox, loadInto } from '../ui';

export function filesTab(api: DockhandApi, registryId: string, repository: string, p: PlatformDetail): HTMLElement {
  const host = h('div', { class: 'dh-files', id: 'files-tab' });
  const start = () => {
    loadInto(host, 'Reading the layers (indexes are cached, so this is quick the next time)…', 'reading the layers', () => api.files.open(registryId, repository, p.digest), start).then(
      (s) => s !== CANCELLED && replace(host, browser(api, registryId, repository, p, s)),
      (err) => replace(host, errorBox(err, start, `Could not read the layers of ${repository}`)),
    );
  };
  replace(
    host,
    h(
      'div',
      { class: 'dh-files-intro' },
      h(
        'p',
        null,
        `See the files inside this image without pulling it. The first time, every layer is read once (${formatBytes(p.size)}); the indexes are then cached, and opening a file reads only its layer, up to the file.`,
      ),
      button([icon('folder'), ' Show files'], start, { appearance: 'primary', id: 'files-open' }),
    ),
  );
  return host;
}

function browser(api: DockhandApi, registryId: string, repository: string, p: PlatformDetail, s: ImageFilesSummary): HTMLElement {
  const crumbs = h('nav', { class: 'dh-files-crumbs', 'aria-label': 'Folder', id: 'files-crumbs' });
  const listHost = h('div', { class: 'dh-files-list' });
  const viewer = h(
    'section',
    { class: 'dh-file-viewer', id: 'file-viewer', 'aria-label': 'File viewer', 'aria-live': 'polite' },
    h('p', { class: 'dh-muted' }, 'Pick a file to see its content.'),
  );
  let current = '/';

  const openDir = (path: string, focus = false) => {
    current = path;
    drawCrumbs();
    loadInto(listHost, 'Listing…', `listing ${path}`, () => api.files.list(registryId, repository, p.digest, path), () => openDir(path, focus)).then(
      (rows) => {
        if (rows === CANCELLED) return;
        replace(listHost, table(rows));
        if (focus) (listHost.querySelector('button') as HTMLElement | null)?.focus();
      },
      (err) => replace(listHost, errorBox(err, () => openDir(path, focus), `Could not list ${path}`)),
    );
  };
  const openFile = (row: FileRow) => {
    loadInto(viewer, `Reading ${row.path}…`, `reading ${row.path}`, () => api.files.read(registryId, repository, p.digest, row.path), () => openFile(row)).then(
      (c) => c !== CANCELLED && replace(viewer, showFile(c)),
      (err) => replace(viewer, errorBox(err, () => openFile(row), `Could not read ${row.path}`)),
    );
  };
  function drawCrumbs() {
    const parts = current.split('/').filter(Boolean);
    const links: HTMLElement[] = [h('button', { class: 'dh-link-button', onclick: () => openDir('/', true) }, '/')];
    parts.forEach((part, i) => {
      const path = `/${parts.slice(0, i + 1).join('/')}`;
      links.push(
        h('span', { class: 'dh-muted' }, i ? '/' : ''),
        h('button', { class: 'dh-link-button', 'aria-current': i === parts.length - 1 ? 'location' : undefined, onclick: () => openDir(path, true) }, part),
      );
    });
    replace(crumbs, links);
  }
  function table(rows: FileRow[]): HTMLElement {
    if (!rows.length) return h('p', { class: 'dh-muted' }, 'This folder is empty.');
    const name = (r: FileRow) => {
      const isDir = r.type === 'dir' || (r.type === 'symlink' && r.linkIsDir);
      const opens = isDir || r.type === 'file' || r.type === 'hardlink' || r.type === 'symlink';
      const label = [icon(isDir ? 'folder' : 'file'), ` ${r.name}${isDir && r.type === 'dir' ? '/' : ''}`];
      const el = opens
        ? h(
            'button',
            {
              class: 'dh-link-button dh-file-name',
              dataset: { path: r.path, type: r.type },
              onclick: () => (isDir ? openDir(r.type === 'symlink' ? joinLink(r) : r.path, true) : openFile(r)),
            },
            label,
          )
        : h('span', { class: 'dh-file-name' }, label);
      return [
        el,
        r.type === 'symlink' ? h('span', { class: 'dh-muted dh-small' }, ` → ${r.link}`) : null,
        r.type === 'hardlink' ? h('span', { class: 'dh-muted dh-small' }, ` (hard link to /${r.link})`) : null,
      ];
    };
    return h(
      'table',
      { class: 'dh-table compact', id: 'files-table' },
      h('caption', { class: 'dh-offscreen' }, `Files in ${current}`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Name'),
          h('th', { class: 'num' }, 'Size'),
          h('th', null, 'Mode'),
          h('th', null, 'Owner'),
          h('th', { class: 'num' }, 'Layer'),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            null,
            h('td', null, name(r)),
            h('td', { class: 'num' }, r.type === 'file' || r.type === 'hardlink' ? formatBytes(r.size) : '—'),
            h('td', { class: 'dh-mono dh-small' }, r.mode),
            h('td', { class: 'dh-mono dh-small' }, r.owner),
            h('td', { class: 'num', title: `Last written by layer ${r.layer}` }, String(r.layer)),
          ),
        ),
      ),
    );
  }
  function joinLink(r: FileRow): string {
    const link = r.link ?? '';
    if (link.startsWith('/')) return link;
    return `${r.path.slice(0, r.path.lastIndexOf('/'))}/${link}`;
  }

  openDir('/');
  return h(
    'div',
    { class: 'dh-files-browser' },
    h(
      'div',
      { class: 'dh-files-summary', id: 'files-summary' },
      `${s.fileCount} files · ${formatBytes(s.visibleBytes)} · ${s.layers.length} layers · `,
      h('strong', null, `${formatBytes(s.wastedBytes)} wasted`),
      ` (efficiency ${(s.efficiency * 100).toFixed(1)}%)`,
      s.bytesRead
        ? h('span', { class: 'dh-muted' }, ` · read ${formatBytes(s.bytesRead)} from the registry`)
        : h('span', { class: 'dh-muted' }, ' · from the cache'),
    ),
    h('div', { class: 'dh-files-split' }, h('div', null, crumbs, listHost), viewer),
    wasted(s),
  );
}

function showFile(c: FileContent): HTMLElement {
  const head = h(
    'div',
    { class: 'dh-file-head' },
    h('strong', { class: 'dh-mono' }, c.path),
    h('span', { class: 'dh-muted' }, ` · ${formatBytes(c.size)} · layer ${c.layer}`),
  );
  if (c.binary) return h('div', null, head, h('p', { class: 'dh-muted', id: 'file-binary' }, 'Binary file: not shown as text.'));
  return h(
    'div',
    null,
    head,
    h('pre', { class: 'dh-pre dh-file-text', id: 'file-text', tabindex: '0' }, c.text ?? ''),
    c.truncated ? h('p', { class: 'dh-muted dh-small' }, 'Only the first 1 MiB is shown.') : null,
  );
}

function wasted(s: ImageFilesSummary): HTMLElement {
  return h(
    'section',
    { class: 'dh-files-wasted', id: 'files-wasted', 'aria-label': 'Wasted space' },
    h('h3', null, 'Wasted space'),
    h('p', { class: 'dh-muted' }, 'Bytes of files that a later layer overwrites or deletes: stored and downloaded, never seen by a container.'),
    h(
      'table',
      { class: 'dh-table compact' },
      h(
        'thead',
        null,
        h('tr', null, h('th', null, 'Layer'), h('th', { class: 'num' }, 'Stored'), h('th', { class: 'num' }, 'Files'), h('th', { class: 'num' }, 'Wasted')),
      ),
      h(
        'tbody',
        null,
        s.layers.map((l) =>
          h(
            'tr',
            null,
            h('td', null, String(l.layer)),
            h('td', { class: 'num' }, formatBytes(l.size)),
            h('td', { class: 'num' }, formatBytes(l.fileBytes)),
            h('td', { class: 'num' }, formatBytes(l.wastedBytes)),
          ),
        ),
      ),
    ),
    s.biggestWasted.length
      ? h(
          'ol',
          { class: 'dh-files-offenders' },
          s.biggestWasted.map((w) =>
            h('li', null, h('span', { class: 'dh-mono' }, w.path), ` ${formatBytes(w.size)} in layer ${w.layer}, ${w.reason} in layer ${w.by}`),
          ),
        )
      : h('p', { class: 'dh-muted' }, 'Nothing is wasted.'),
  );
}
