// Delete or untag several selected tags after ONE combined preview: which tags are only
// untagged (the default choice), which manifests the destructive choice deletes, and which
// tags that were not selected go with them. The danger button never submits on Enter.
import type { RegistrySummary } from '../../common';
import type { AppContext } from '../app-context';
import { combinePlans, type BulkDeletePlan, type TagPlan } from '../bulk-delete-plan';
import { h, replace } from '../dom';
import { icon } from '../icons';
import { errorBox, errorMessage, loading, openDialog, toast } from '../ui';

/** Delete plans read at once. */
const PLAN_CONCURRENCY = 4;

const list = (items: string[], cls: string) => items.map((t, i) => [i ? ', ' : '', h('code', { class: cls }, t)]);

export function openBulkDeleteDialog(app: AppContext, registry: RegistrySummary, repository: string, tags: string[], after: () => void): void {
  const n = tags.length;
  const planHost = h('div', { class: 'dh-delete-plan', id: 'bulk-delete-plan' }, loading(`Checking which tags share an image: 0 of ${n}…`));
  let mode: 'tag' | 'manifest' = 'tag';
  let plan: BulkDeletePlan | undefined;
  let closed = false;
  const handle = openDialog({
    id: 'bulk-delete-dialog',
    title: `Delete or untag ${n} tags of ${repository}`,
    submitLabel: 'Apply',
    danger: true,
    wide: true,
    body: planHost,
    onCancel: () => {
      closed = true;
    },
    onSubmit: async () => {
      if (!plan) return true;
      const failed: string[] = [];
      const done: string[] = [];
      const steps = mode === 'tag' ? plan.untag.map((t) => ({ tag: t, label: t })) : plan.manifests.map((m) => ({ tag: m.tags[0], label: m.digest }));
      for (const s of steps) {
        if (closed) break; // Cancel while applying: stop before the next tag or manifest
        try {
          const r = await app.api.images.delete(registry.id, repository, s.tag, mode);
          done.push(...(r.removedTags.length ? r.removedTags : [s.tag]));
        } catch (err) {
          failed.push(`${s.label}: ${errorMessage(err)}`);
        }
      }
      after();
      if (closed) toast(`Stopped: ${mode === 'tag' ? 'untagged' : 'deleted'} ${done.join(', ') || 'nothing'} before Cancel`, 'info');
      else if (failed.length) {
        toast(`${mode === 'tag' ? 'Untagged' : 'Deleted'} ${done.length} tags; ${failed.length} failed: ${failed.join('; ')}`, 'error');
      } else toast(`${mode === 'tag' ? 'Untagged' : 'Deleted'} ${done.length} tag${done.length === 1 ? '' : 's'}: ${done.join(', ')}`, 'ok');
    },
  });
  void readPlans(app, registry, repository, tags, (k) => {
    if (closed) return false;
    const status = planHost.querySelector('.dh-loading > span');
    if (status) status.textContent = `Checking which tags share an image: ${k} of ${n}…`;
  }).then(
    (plans) => {
      if (closed) return;
      plan = combinePlans(plans);
      showPlan(plan);
    },
    (err) => replace(planHost, errorBox(err, undefined, `Could not check the ${n} tags`)),
  );

  const submitLabel = (p: BulkDeletePlan) =>
    mode === 'tag'
      ? `Untag ${p.untag.length} tag${p.untag.length === 1 ? '' : 's'}`
      : `Delete ${p.manifests.length} manifest${p.manifests.length === 1 ? '' : 's'}`;

  function showPlan(p: BulkDeletePlan) {
    const radio = (value: 'tag' | 'manifest', label: string, detail: (string | Node | (string | Node)[])[]) =>
      h(
        'label',
        { class: 'dh-radio' },
        h('input', {
          type: 'radio',
          name: 'bulk-delete-mode',
          value,
          checked: value === mode,
          onchange: () => {
            mode = value;
            const submit = handle.dialog.querySelector('#bulk-delete-dialog-submit');
            if (submit) submit.textContent = submitLabel(p);
          },
        }),
        h('span', null, h('strong', null, label), h('br'), h('span', { class: 'dh-muted' }, ...detail)),
      );
    replace(
      planHost,
      p.siblingsToo.length
        ? h(
            'div',
            { class: 'dh-warning-box', id: 'bulk-sibling-warning', role: 'alert' },
            icon('warn'),
            h(
              'div',
              null,
              h('strong', null, `${p.siblingsToo.length} tag${p.siblingsToo.length === 1 ? '' : 's'} you did not select share an image with the selection: `),
              list(p.siblingsToo, 'dh-sibling'),
              h('div', null, 'Deleting the manifests removes them too. Untagging keeps them.'),
            ),
          )
        : null,
      h(
        'fieldset',
        { class: 'dh-fieldset' },
        h('legend', null, 'What to do with the selected tags'),
        radio('tag', `Untag only: remove the ${p.untag.length} selected tags`, [
          'Only untagged: ',
          ...list(p.untag, 'dh-untag-only').flat(),
          p.leftUntagged.length
            ? `. ${p.leftUntagged.length} image${p.leftUntagged.length === 1 ? ' is' : 's are'} left without a tag until garbage collection.`
            : '. Every image keeps its other tags.',
        ]),
        radio('manifest', `Delete ${p.manifests.length} manifest${p.manifests.length === 1 ? '' : 's'} by digest`, [
          h(
            'ul',
            { class: 'dh-bulk-manifests', id: 'bulk-manifests' },
            p.manifests.map((m) => h('li', null, h('code', { class: 'dh-mono' }, m.digest.slice(0, 19)), ': ', list(m.tags, 'dh-manifest-tag'))),
          ),
          p.siblingsToo.length ? `Also removes ${p.siblingsToo.join(', ')}.` : 'No other tag goes with them.',
        ]),
      ),
    );
    const submit = handle.dialog.querySelector('#bulk-delete-dialog-submit');
    if (submit) submit.textContent = submitLabel(p);
    // Focus the safe choice, so Enter or Space there never picks the destructive one.
    (planHost.querySelector('input[value="tag"]') as HTMLInputElement | null)?.focus();
  }
}

async function readPlans(
  app: AppContext,
  registry: RegistrySummary,
  repository: string,
  tags: string[],
  progress: (k: number) => boolean | void,
): Promise<TagPlan[]> {
  const out: TagPlan[] = new Array(tags.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tags.length) {
      const i = next++;
      const p = await app.api.images.planDelete(registry.id, repository, tags[i]);
      out[i] = { tag: p.tag, digest: p.digest, siblingTags: p.siblingTags };
      if (progress(++done) === false) next = tags.length; // the dialog was cancelled: read no more
    }
  };
  await Promise.all(Array.from({ length: Math.min(PLAN_CONCURRENCY, tags.length) }, worker));
  return out;
}
