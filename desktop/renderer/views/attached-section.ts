// The image view's "Attached" section: signatures, SBOMs and attestations of the image (and
// of its platforms), found on any route a plain registry holds them; "Open" shows one's
// content below the table: SBOM packages, the in-toto predicate type, the formatted JSON.
import type { AttachedRow, AttachmentContentInfo } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { formatBytes, formatDate, shortDigest } from '../format';
import { button } from '../toolkit';
import { CANCELLED, errorBox, loadInto } from '../ui';
import { openVerifyDialog } from './verify-dialog';

const KIND: Record<AttachedRow['kind'], string> = {
  signature: 'Signature',
  sbom: 'SBOM',
  provenance: 'Provenance',
  attestation: 'Attestation',
  artifact: 'Artifact',
};
/** Where an attachment was found, in words. */
export const SOURCE: Record<string, string> = {
  'referrers-api': 'referrers API',
  'tag-schema': 'tag schema',
  'cosign-tag': 'cosign tag',
  index: 'in the index',
};

export function attachedSection(app: AppContext, registryId: string, repository: string, digest: string): HTMLElement {
  const body = h('div', { class: 'dh-attached-body' });
  const verify = button('Verify signatures…', () => openVerifyDialog(app, registryId, repository, digest), {
    appearance: 'secondary',
    id: 'attached-verify',
    title: 'Check the signatures with a public key, certificates or a trusted root (offline)',
  });
  const section = h(
    'section',
    { class: 'dh-attached', id: 'attached', 'aria-labelledby': 'attached-title' },
    h('div', { class: 'dh-attached-head' }, h('h3', { id: 'attached-title' }, 'Attached'), verify),
    body,
  );
  const load = (): Promise<void> =>
    loadInto(
      body,
      'Looking for signatures, SBOMs and attestations…',
      'looking for signatures, SBOMs and attestations',
      () => app.api.attachments.list(registryId, repository, digest),
      () => void load(),
    ).then(
      (rows) => void (rows !== CANCELLED && replace(body, renderRows(app, registryId, repository, digest, rows, section))),
      (err) => replace(body, errorBox(err, () => void load(), `Could not read what is attached to ${repository}@${shortDigest(digest)}`)),
    );
  void load();
  return section;
}

function renderRows(app: AppContext, registryId: string, repository: string, subject: string, rows: AttachedRow[], section: HTMLElement): HTMLElement {
  const title = section.querySelector('#attached-title');
  if (title) title.textContent = `Attached (${rows.length})`;
  if (!rows.length)
    return h(
      'p',
      { class: 'dh-muted' },
      'No signatures, SBOMs or attestations (looked at the referrers API, the sha256-… tag schema, cosign tags and the index).',
    );
  const content = h('div', { class: 'dh-attached-content', id: 'attachment-content', 'aria-live': 'polite' });
  const open = (r: AttachedRow) => {
    loadInto(content, `Reading ${shortDigest(r.digest)}…`, `reading ${shortDigest(r.digest)}`, () => app.api.attachments.open(registryId, repository, subject, r.digest), () =>
      open(r),
    ).then(
      (c) => void (c !== CANCELLED && replace(content, renderContent(r, c))),
      (err) => replace(content, errorBox(err, () => open(r), `Could not read ${shortDigest(r.digest)}`)),
    );
  };
  return h(
    'div',
    null,
    h(
      'table',
      { class: 'dh-table compact', id: 'attached-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Kind', 'Format', 'Digest', 'Size', 'Created', ''].map((x, i) => h('th', i === 3 ? { class: 'num' } : null, x)),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            { dataset: { kind: r.kind } },
            h('td', { class: 'dh-kind-cell' }, h('span', { class: `dh-kind dh-kind-${r.kind}` }, KIND[r.kind])),
            h('td', { class: 'dh-wrap' }, r.format, detailLine(r)),
            h(
              'td',
              { class: 'dh-nowrap', title: r.tag ? `${r.digest} (tag ${r.tag})` : r.digest },
              h('div', { class: 'dh-mono' }, shortDigest(r.digest)),
              h('div', { class: 'dh-muted dh-small' }, SOURCE[r.source] ?? r.source),
            ),
            h('td', { class: 'num dh-nowrap' }, formatBytes(r.size)),
            h('td', { class: 'dh-muted dh-small dh-nowrap', title: r.created ?? '' }, r.created ? formatDate(r.created).slice(0, 10) : '—'),
            h(
              'td',
              { class: 'dh-attached-action' },
              r.kind === 'sbom'
                ? button('Packages', () => open(r), { appearance: 'secondary', title: `Packages of SBOM ${shortDigest(r.digest)}` })
                : button('Open', () => open(r), { appearance: 'secondary', title: `Open ${KIND[r.kind]} ${shortDigest(r.digest)}` }),
            ),
          ),
        ),
      ),
    ),
    content,
  );
}

function detailLine(r: AttachedRow): HTMLElement | null {
  const parts = [
    r.predicateTypes?.join(', '),
    r.platform ? `for ${r.platform}` : undefined,
    r.onPlatform ? `on platform ${shortDigest(r.onPlatform)}` : undefined,
    r.attachedTo ? `on ${shortDigest(r.attachedTo)}` : undefined,
  ].filter(Boolean);
  return parts.length ? h('div', { class: 'dh-muted dh-small' }, parts.join(' · ')) : null;
}

function renderContent(r: AttachedRow, c: AttachmentContentInfo): HTMLElement {
  return h(
    'div',
    { class: 'dh-attachment-doc' },
    h('h3', null, `${KIND[r.kind]} ${shortDigest(c.digest)}: ${r.format}`),
    c.documents.map((d) =>
      h(
        'div',
        { class: 'dh-doc' },
        h('div', { class: 'dh-muted dh-small' }, `${d.format} · ${d.mediaType}${d.predicateType ? ` · predicate ${d.predicateType}` : ''}`),
        d.packages
          ? h(
              'table',
              { class: 'dh-table compact', id: 'sbom-packages' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['Package', 'Version', 'License', 'purl'].map((x) => h('th', null, x)),
                ),
              ),
              h(
                'tbody',
                null,
                d.packages.map((p) =>
                  h(
                    'tr',
                    null,
                    h('td', null, p.name),
                    h('td', null, p.version ?? ''),
                    h('td', null, p.license ?? ''),
                    h('td', { class: 'dh-mono dh-small' }, p.purl ?? ''),
                  ),
                ),
              ),
            )
          : null,
        d.note ? h('p', { class: 'dh-muted' }, d.note) : null,
        d.json !== undefined
          ? h('pre', { class: 'dh-pre dh-json', tabindex: '0', 'aria-label': 'Content as JSON' }, d.json + (d.truncated ? '\n… (cut at 2 MiB)' : ''))
          : null,
      ),
    ),
  );
}
