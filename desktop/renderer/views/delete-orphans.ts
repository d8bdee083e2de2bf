// The delete dialog's orphan warning: the signatures, SBOMs and attestations attached to the
// image that deleting its manifest would leave behind (the CLI's `rm` lists them too), and an
// unchecked "delete them too" box (destructive choices are never the default). Attestation
// manifests inside an index go with the index and are not listed.
import type { AttachedRow } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { shortDigest } from '../format';
import { icon } from '../icons';
import { SOURCE } from './attached-section';

export interface OrphanWarning {
  el: HTMLElement;
  /** Attachments that deleting the manifest would orphan (known once listed). */
  orphans(): AttachedRow[];
  /** The user ticked "also delete them". */
  deleteToo(): boolean;
}

export function orphanWarning(app: AppContext, registryId: string, repository: string, digest: string): OrphanWarning {
  let rows: AttachedRow[] = [];
  const box = h('input', { type: 'checkbox', id: 'delete-attachments' }) as HTMLInputElement;
  const el = h(
    'div',
    { id: 'orphan-warning-host', 'aria-live': 'polite' },
    h('p', { class: 'dh-muted' }, 'Looking for signatures, SBOMs and attestations attached to it…'),
  );
  app.api.attachments.list(registryId, repository, digest).then(
    (all) => {
      rows = all.filter((r) => r.source !== 'index');
      if (!rows.length) {
        replace(el, h('p', { class: 'dh-muted', id: 'orphan-none' }, 'Nothing is attached to it (no signatures, SBOMs or attestations would be orphaned).'));
        return;
      }
      const n = rows.length;
      replace(
        el,
        h(
          'div',
          { class: 'dh-warning-box', id: 'orphan-warning', role: 'alert' },
          icon('warn'),
          h(
            'div',
            { class: 'dh-orphan-text' },
            h('strong', null, `${n} attachment${n === 1 ? '' : 's'} would become orphan${n === 1 ? '' : 's'} if the manifest is deleted: `),
            h(
              'ul',
              { class: 'dh-orphan-list' },
              rows.map((r) =>
                h(
                  'li',
                  { title: r.tag ? `${r.digest} (tag ${r.tag})` : r.digest },
                  `${r.kind} (${r.format}) `,
                  h('code', { class: 'dh-mono' }, shortDigest(r.digest)),
                  h('span', { class: 'dh-muted' }, ` · ${SOURCE[r.source] ?? r.source}`),
                ),
              ),
            ),
            h(
              'label',
              { class: 'dh-check' },
              box,
              ` Also delete ${n === 1 ? 'it' : `these ${n}`} (only with "Delete the manifest by digest"; removing only the tag keeps the image and its attachments)`,
            ),
          ),
        ),
      );
    },
    () =>
      replace(
        el,
        h(
          'p',
          { class: 'dh-muted', id: 'orphan-unknown' },
          'Could not list what is attached to it; deleting the manifest may leave signatures or SBOMs behind (dockhand purge --orphans finds them).',
        ),
      ),
  );
  return { el, orphans: () => rows, deleteToo: () => box.checked && rows.length > 0 };
}
