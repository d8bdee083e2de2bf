// Copy and delete dialogs. Delete first asks the main process for the plan: which other
// tags share the digest, so the user chooses between removing only this tag (siblings
// kept) and deleting the manifest (every sibling goes too).
import { attachmentsGoingAlong } from './attached-count';
import { orphanWarning, type OrphanWarning } from './delete-orphans';
import type { RegistrySummary } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { icon } from '../icons';
import { dropdown, textField } from '../toolkit';
import { errorBox, field, loading, openDialog, toast } from '../ui';
import { watchJob } from './jobs-panel';
import { notifyTagsChanged } from '../tag-events';
import { forgetRepositories } from './registry-view';

export function openDeleteDialog(app: AppContext, registry: RegistrySummary, repository: string, tag: string, after: () => void): void {
  const planHost = h('div', { class: 'dh-delete-plan' }, loading('Checking which tags share this digest…'));
  let mode: 'tag' | 'manifest' = 'tag';
  let ready = false;
  let orphans: OrphanWarning | undefined;
  let digest = '';
  const handle = openDialog({
    id: 'delete-dialog',
    title: `Delete ${repository}:${tag}`,
    submitLabel: 'Delete',
    danger: true,
    body: planHost,
    onSubmit: async () => {
      if (!ready) return true;
      if (mode === 'manifest' && orphans?.deleteToo()) {
        const w = await app.api.attachments.deleteImageWith(registry.id, repository, tag, digest);
        toast(
          `Deleted ${w.removedTags.join(', ') || tag} and ${w.attachmentsDeleted} attachment${w.attachmentsDeleted === 1 ? '' : 's'}${w.attachmentsFailed.length ? `; ${w.attachmentsFailed.length} could not be deleted` : ''}`,
          w.attachmentsFailed.length ? 'error' : 'ok',
        );
        after();
        return;
      }
      const r = await app.api.images.delete(registry.id, repository, tag, mode);
      const left = mode === 'manifest' ? (orphans?.orphans().length ?? 0) : 0;
      toast(
        `Deleted ${r.removedTags.join(', ') || tag}${r.keptTags.length ? `; kept ${r.keptTags.join(', ')}` : ''}${left ? `; left ${left} attachment${left === 1 ? '' : 's'} orphaned` : ''}`,
        'ok',
      );
      after();
    },
  });
  app.api.images.planDelete(registry.id, repository, tag).then(
    (plan) => {
      ready = true;
      digest = plan.digest;
      orphans = orphanWarning(app, registry.id, repository, plan.digest);
      const radios = (value: 'tag' | 'manifest', label: string, detail: string) =>
        h(
          'label',
          { class: 'dh-radio' },
          h('input', {
            type: 'radio',
            name: 'delete-mode',
            value,
            checked: value === mode,
            onchange: () => {
              mode = value;
            },
          }),
          h('span', null, h('strong', null, label), h('br'), h('span', { class: 'dh-muted' }, detail)),
        );
      replace(
        planHost,
        h('p', null, 'Digest ', h('code', { class: 'dh-mono' }, plan.digest)),
        plan.siblingTags.length
          ? h(
              'div',
              { class: 'dh-warning-box', id: 'sibling-warning', role: 'alert' },
              icon('warn'),
              h(
                'div',
                null,
                h(
                  'strong',
                  null,
                  `${plan.siblingTags.length} other tag${plan.siblingTags.length === 1 ? '' : 's'} point${plan.siblingTags.length === 1 ? 's' : ''} at the same image: `,
                ),
                plan.siblingTags.map((t, i) => [i ? ', ' : '', h('code', { class: 'dh-sibling' }, t)]),
                h('div', null, 'Deleting the manifest by digest removes all of them. Removing only this tag keeps them.'),
              ),
            )
          : h('p', { class: 'dh-muted' }, 'No other tag points at this image.'),
        radios(
          'tag',
          `Remove only the tag "${tag}"`,
          plan.siblingTags.length ? `Keeps ${plan.siblingTags.join(', ')}.` : 'The image stays until garbage collection if nothing references it.',
        ),
        radios(
          'manifest',
          'Delete the manifest by digest',
          plan.siblingTags.length ? `Also removes ${plan.siblingTags.join(', ')}.` : 'Removes the image from the repository.',
        ),
        orphans.el,
        plan.deleteEnabled === false
          ? h('div', { class: 'dh-warning-box' }, icon('warn'), 'This registry has deletes disabled (storage.delete.enabled: false); the registry will refuse.')
          : null,
      );
    },
    (err) => replace(planHost, errorBox(err, undefined, 'Could not work out what the delete would remove')),
  );
  void handle;
}

/** Whether a copy would land on its own source (same registry, repository and tag). */
export function isSelfCopy(
  src: { registryId: string; repository: string; reference: string },
  dst: { registryId: string; repository: string; tag: string },
): boolean {
  return src.registryId === dst.registryId && src.repository === dst.repository.trim() && src.reference === dst.tag.trim();
}

export function openCopyDialog(app: AppContext, registry: RegistrySummary, repository: string, reference: string, digest?: string): void {
  // Pre-filled with a target that is not the source: another registry when there is one,
  // else this registry with the tag left for the user to name.
  const other = app.registries.find((r) => r.id !== registry.id);
  const target = dropdown(
    app.registries.map((r) => ({ value: r.id, label: `${r.name} (${r.host})` })),
    { id: 'copy-target', value: other?.id ?? registry.id, ariaLabel: 'Target registry' },
  );
  const repo = textField({ id: 'copy-repo', value: repository });
  const sourceTag = /^sha256:/.test(reference) ? 'copy' : reference;
  const tag = textField({ id: 'copy-tag', value: other ? sourceTag : '', placeholder: other ? undefined : 'a new tag' });
  const source = { registryId: registry.id, repository, reference };
  openDialog({
    id: 'copy-dialog',
    title: `Copy ${repository}:${reference}`,
    submitLabel: 'Copy',
    body: [
      h(
        'p',
        { class: 'dh-muted' },
        'Registry to registry, without pulling: blobs are mounted or streamed, every platform of a multi-platform image is copied.',
      ),
      field('Target registry', target),
      h('div', { class: 'dh-row-fields' }, field('Repository', repo), field('Tag', tag)),
      digest ? attachmentsGoingAlong(app, registry.id, repository, digest) : null,
    ],
    onSubmit: async () => {
      const dst = { registryId: target.value || registry.id, repository: repo.value.trim(), tag: tag.value.trim() };
      if (isSelfCopy(source, dst)) throw new Error(`That is ${repository}:${reference} itself. Choose another registry, repository or tag.`);
      const job = await app.api.images.copy({ source, target: dst });
      watchJob(app, job, (snap) => {
        if (snap.state === 'succeeded') {
          forgetRepositories();
          notifyTagsChanged(dst.registryId, dst.repository);
        }
      });
    },
  });
}

/** Retag: a new tag for the same image in the same repository (server-side: only the manifest is written). */
export function openRetagDialog(app: AppContext, registry: RegistrySummary, repository: string, reference: string): void {
  const tag = textField({ id: 'retag-tag', placeholder: 'new tag, e.g. stable', autofocus: true });
  openDialog({
    id: 'retag-dialog',
    title: `Retag ${repository}:${reference}`,
    submitLabel: 'Add tag',
    body: [
      h(
        'p',
        { class: 'dh-muted' },
        `Adds a tag to the same image in ${registry.host}/${repository}. No layer is moved; an existing tag of that name is moved to this image.`,
      ),
      field('New tag', tag),
    ],
    onSubmit: async () => {
      const newTag = tag.value.trim();
      if (!newTag) throw new Error('Name the new tag.');
      if (newTag === reference) throw new Error(`${reference} is already this tag. Name a different one.`);
      const job = await app.api.images.copy({
        source: { registryId: registry.id, repository, reference },
        target: { registryId: registry.id, repository, tag: newTag },
      });
      watchJob(app, job, (snap) => {
        if (snap.state === 'succeeded') notifyTagsChanged(registry.id, repository);
      });
    },
  });
}
