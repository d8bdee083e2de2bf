// "3 signatures, SBOMs and attestations go with it" in the copy dialog (filled in once counted).
import type { AppContext } from '../app-context';
import { h } from '../dom';

export function attachmentsGoingAlong(app: AppContext, registryId: string, repository: string, digest: string): HTMLElement {
  const line = h('p', { class: 'dh-muted', id: 'copy-attachments', 'aria-live': 'polite' }, 'Counting signatures, SBOMs and attestations…');
  app.api.attachments.list(registryId, repository, digest).then(
    (rows) => {
      const along = rows.filter((r) => r.source !== 'index');
      const inIndex = rows.length - along.length;
      line.textContent = along.length
        ? `${along.length} attachment${along.length === 1 ? '' : 's'} (signatures, SBOMs, attestations) go${along.length === 1 ? 'es' : ''} with it${inIndex ? `; ${inIndex} attestation manifest${inIndex === 1 ? '' : 's'} travel inside the index` : ''}.`
        : inIndex
          ? `${inIndex} attestation manifest${inIndex === 1 ? '' : 's'} travel inside the index; nothing else is attached.`
          : 'Nothing is attached (no signatures, SBOMs or attestations).';
    },
    () => {
      line.textContent = 'Could not count the attachments; they are copied along anyway.';
    },
  );
  return line;
}
