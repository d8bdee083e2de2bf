// "Analyze size" and "Clean up…" for a repository. Clean-up is two steps in one dialog:
// the policy form previews the plan (a dry run in the main process: nothing is deleted),
// then the same dialog's danger button applies exactly that plan.
import type { CleanupPlanInfo, RegistrySummary, RepositorySizeInfo } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { formatBytes, formatDate, relativeDate, shortDigest } from '../format';
import { keyboardGrid } from '../table-grid';
import { icon } from '../icons';
import { dropdown, textField } from '../toolkit';
import { errorBox, field, loading, openDialog, toast } from '../ui';

function sizeTable(r: RepositorySizeInfo): HTMLElement {
  const rows = [...r.tags].sort((a, b) => b.uniqueBytes - a.uniqueBytes || a.tag.localeCompare(b.tag));
  return h(
    'div',
    { class: 'dh-table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Size per tag' },
    h(
      'table',
      { class: 'dh-table', id: 'size-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Tag'),
          h('th', { class: 'num' }, 'Size'),
          h('th', { class: 'num' }, 'Unique'),
          h('th', { class: 'num' }, 'Shared'),
          h('th', null, 'Digest'),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((t) => [
          h(
            'tr',
            { dataset: { tag: t.tag } },
            h(
              'td',
              { class: 'tag' },
              icon('tag'),
              h('span', { class: 'dh-tag-name' }, t.tag),
              t.aliases.length ? h('span', { class: 'dh-muted dh-small' }, ` = ${t.aliases.join(', ')}`) : null,
            ),
            h('td', { class: 'num' }, formatBytes(t.size)),
            h('td', { class: 'num', dataset: { unique: String(t.uniqueBytes) } }, formatBytes(t.uniqueBytes)),
            h('td', { class: 'num' }, formatBytes(t.sharedBytes)),
            h('td', { class: 'dh-mono dh-muted', title: t.digest }, shortDigest(t.digest)),
          ),
          ...t.platforms.map((p) =>
            h(
              'tr',
              { class: 'dh-muted' },
              h('td', { class: 'dh-small' }, `↳ ${p.platform}`),
              h('td', { class: 'num' }, formatBytes(p.size)),
              h('td'),
              h('td'),
              h('td', { class: 'dh-mono', title: p.digest }, shortDigest(p.digest)),
            ),
          ),
        ]),
      ),
    ),
  );
}

export function openSizeDialog(app: AppContext, registry: RegistrySummary, repository: string): void {
  const host = h('div', { class: 'dh-size-report' }, loading('Reading every manifest once…'));
  openDialog({ id: 'size-dialog', title: `Size of ${repository}`, submitLabel: 'Close', wide: true, body: host, onSubmit: async () => {} });
  app.api.cleanup.analyze(registry.id, repository).then(
    (r) =>
      replace(
        host,
        h(
          'p',
          { id: 'size-summary' },
          h('strong', null, `${formatBytes(r.storedBytes)} stored`),
          ` in ${r.tags.length} tags, ${r.manifestCount} manifests, ${r.blobCount} blobs (each blob counted once; layers and configs ${formatBytes(r.blobBytes)}, manifests ${formatBytes(r.manifestBytes)}).`,
        ),
        h(
          'p',
          { class: 'dh-muted dh-small' },
          'Unique: bytes only this tag uses, which deleting it alone lets garbage collection free. Shared: bytes other tags use too.',
        ),
        sizeTable(r),
        r.notes.map((n) => h('p', { class: 'dh-muted dh-small' }, n)),
      ),
    (err) => replace(host, errorBox(err, undefined, `Could not analyze ${repository}`)),
  );
}

function planView(plan: CleanupPlanInfo): HTMLElement[] {
  const remove = plan.tags.filter((t) => t.action !== 'keep');
  const keep = plan.tags.filter((t) => t.action === 'keep');
  // Fits the dialog: the date is relative (the full date on hover), the reason wraps.
  const row = (t: CleanupPlanInfo['tags'][number]) =>
    h(
      'tr',
      { dataset: { tag: t.tag, action: t.action, key: t.tag }, class: 'dh-grid-row' },
      h('td', { class: 'tag dh-wrap' }, icon(t.action === 'keep' ? 'check' : 'trash'), h('span', { class: 'dh-tag-name' }, t.tag)),
      h('td', null, t.action === 'keep' ? 'keep' : t.action === 'untag' ? 'untag only' : 'delete'),
      h('td', { title: formatDate(t.created) }, relativeDate(t.created) || '—'),
      h('td', { class: 'dh-muted dh-small dh-wrap dh-why' }, t.reason),
    );
  const table = h(
    'table',
    { class: 'dh-table dh-fit', id: 'cleanup-plan' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Tag'),
        h('th', { scope: 'col' }, 'Fate'),
        h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, 'Why'),
      ),
    ),
    h('tbody', null, [...remove, ...keep].map(row)),
  ) as HTMLTableElement;
  // Arrows, Home/End and type-ahead walk the plan's rows (read-only: nothing to open).
  keyboardGrid(table, { label: 'Clean-up plan', rowLabel: (r) => r.dataset.tag ?? '' });
  return [
    h(
      'div',
      { class: remove.length ? 'dh-warning-box' : 'dh-muted', id: 'cleanup-summary', role: 'status' },
      remove.length ? icon('warn') : null,
      h(
        'div',
        null,
        h('strong', null, `${remove.length} of ${plan.tags.length} tags go, ${plan.deleteManifests.length} manifests are deleted, ${keep.length} tags stay.`),
        h(
          'div',
          null,
          `A registry garbage collection afterwards would free ${formatBytes(plan.freed.bytes)}`,
          plan.freed.heldByOtherRepositories.count ? ` (${formatBytes(plan.freed.heldByOtherRepositories.bytes)} more stays: other repositories use it)` : '',
          '. Nothing has been deleted yet.',
        ),
      ),
    ),
    h('p', { class: 'dh-muted dh-small' }, `Policy: ${plan.policy}`),
    h('div', { class: 'dh-table-scroll dh-plan-scroll' }, table),
    ...plan.notes.map((n) => h('p', { class: 'dh-muted dh-small' }, n)),
  ];
}

export function openCleanupDialog(app: AppContext, registry: RegistrySummary, repository: string, after: () => void): void {
  const keep = textField({ id: 'cleanup-keep', value: '10' });
  const olderThan = textField({ id: 'cleanup-older-than', placeholder: '30d, 720h, 2w (empty: any age)' });
  const match = textField({ id: 'cleanup-match', placeholder: 'regular expression (empty: all tags)' });
  const exclude = textField({ id: 'cleanup-exclude', value: '^latest$' });
  const sort = dropdown(
    [
      { value: 'date', label: 'creation date' },
      { value: 'semver', label: 'version (semver)' },
    ],
    { id: 'cleanup-sort', value: 'date' },
  );
  const form = h(
    'div',
    { class: 'dh-cleanup-form' },
    h('div', { class: 'dh-row-fields' }, field('Keep the newest', keep, 'tags (empty: no limit)'), field('Newest by', sort)),
    h('div', { class: 'dh-row-fields' }, field('Only tags older than', olderThan), field('Only tags matching', match)),
    field('Always keep tags matching', exclude),
  );
  const planHost = h('div', { class: 'dh-cleanup-plan' });
  let plan: CleanupPlanInfo | undefined;
  const handle = openDialog({
    id: 'cleanup-dialog',
    title: `Clean up ${repository}`,
    submitLabel: 'Preview',
    wide: true,
    body: [
      h('p', { class: 'dh-muted' }, 'Choose what to keep. Preview shows exactly what would be deleted; nothing is deleted until you confirm.'),
      form,
      planHost,
    ],
    onSubmit: async (dialog) => {
      const submit = dialog.dialog.querySelector('#cleanup-dialog-submit');
      if (!plan) {
        replace(planHost, loading('Planning (dry run)…'));
        try {
          plan = await app.api.cleanup.plan(registry.id, repository, {
            ...(keep.value.trim() ? { keep: Number(keep.value.trim()) } : {}),
            olderThan: olderThan.value.trim(),
            match: match.value.trim(),
            exclude: exclude.value.trim(),
            sort: sort.value === 'semver' ? 'semver' : 'date',
          });
        } catch (err) {
          replace(planHost);
          throw err;
        }
        // The policy stays on screen above its plan; changing it drops the plan (Preview again).
        replace(planHost, ...planView(plan));
        const removing = plan.tags.some((t) => t.action !== 'keep');
        if (submit) {
          submit.textContent = removing
            ? [
                plan.deleteManifests.length ? `Delete ${plan.deleteManifests.length} manifest${plan.deleteManifests.length === 1 ? '' : 's'}` : '',
                plan.untag.length ? `untag ${plan.untag.length}` : '',
              ]
                .filter(Boolean)
                .join(', ')
                .replace(/^u/, 'U')
            : 'Close';
          if (removing) submit.classList.add('danger');
        }
        return removing; // keep the dialog open for the confirmation
      }
      const result = await app.api.cleanup.apply(plan.planId);
      after();
      if (result.failed.length || result.skipped.length) {
        toast(
          `Deleted ${result.deleted.length}, untagged ${result.untagged.length}; ${result.failed.length} failed, ${result.skipped.length} skipped: ${result.failed[0]?.error ?? result.skipped[0]?.reason ?? ''}`,
          'error',
        );
      } else {
        toast(`Deleted ${result.deleted.length} manifests and untagged ${result.untagged.length} tags. ${result.garbageCollectHint}`, 'ok');
      }
    },
  });
  const policyChanged = () => {
    if (!plan) return;
    plan = undefined;
    replace(planHost, h('p', { class: 'dh-muted', id: 'cleanup-stale' }, 'The policy changed: Preview again to see what it would delete.'));
    const submit = handle.dialog.querySelector('#cleanup-dialog-submit');
    if (submit) {
      submit.textContent = 'Preview';
      submit.classList.remove('danger');
    }
  };
  form.addEventListener('input', policyChanged);
  form.addEventListener('change', policyChanged);
}
