// "Compare with…" on an image: another tag or digest of the repository, or a full reference
// in a registry already added; shows config, history, layers and files that differ.
import type { RegistrySummary } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { textField } from '../toolkit';
import { field, openDialog } from '../ui';

export function openCompareDialog(app: AppContext, registry: RegistrySummary, repository: string, reference: string): void {
  const other = textField({ id: 'compare-other', placeholder: 'a tag, sha256:…, or registry/repository:tag', autofocus: true });
  const result = h('div', { class: 'dh-compare-result', id: 'compare-result', 'aria-live': 'polite' });
  openDialog({
    id: 'compare-dialog',
    title: `Compare ${repository}:${reference} with…`,
    submitLabel: 'Compare',
    wide: true,
    body: [field('Other image', other, 'Reading the files reads each layer once; indexes are cached, so comparing again is quick.'), result],
    onSubmit: async () => {
      const d = await app.api.files.diff(registry.id, repository, reference, other.value);
      const c = d.counts;
      replace(
        result,
        h(
          'p',
          { id: 'compare-summary' },
          d.identical
            ? 'The images are the same.'
            : `${c.config} config change(s) · layers: ${c.layersShared} shared, ${c.layersOnlyA} only here, ${c.layersOnlyB} only there · files: ${c.added} added, ${c.removed} removed, ${c.changed} changed`,
        ),
        h('pre', { class: 'dh-pre dh-compare-text', id: 'compare-text', tabindex: '0' }, d.text),
      );
      return true;
    },
  });
}
