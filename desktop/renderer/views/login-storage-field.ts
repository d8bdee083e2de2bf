// "Keep the password": a radio group of the places a sign-in can keep its password on this
// machine (the OS keychain, this session only, docker's store), asked from the main process
// so that a machine without a keychain offers "this session only" first, in plain words.
import type { LoginStorage, StorageChoice } from '../../common';
import type { AppContext } from '../app-context';
import { h } from '../dom';

export interface StorageField {
  element: HTMLElement;
  /** The chosen place; undefined until the choices have loaded. */
  value(): LoginStorage | undefined;
  /** Ask again for this address (docker's helper may be per registry). */
  refresh(url: string): Promise<void>;
}

export function storageField(app: AppContext, idPrefix: string, initialUrl: string): StorageField {
  const list = h(
    'div',
    { class: 'dh-storage-choices', role: 'radiogroup', 'aria-labelledby': `${idPrefix}-storage-legend` },
    h('span', { class: 'dh-muted dh-small' }, 'Checking where passwords can be kept…'),
  );
  const element = h(
    'fieldset',
    { class: 'dh-storage', id: `${idPrefix}-storage` },
    h('legend', { id: `${idPrefix}-storage-legend`, class: 'dh-field-label' }, 'Keep the password'),
    list,
  );
  let chosen: LoginStorage | undefined;
  let lastUrl = '';

  function render(choices: StorageChoice[]): void {
    const available = choices.filter((c) => c.available);
    if (!chosen || !available.some((c) => c.value === chosen)) chosen = (available.find((c) => c.recommended) ?? available[0])?.value;
    list.replaceChildren(
      ...choices.map((c) => {
        const id = `${idPrefix}-storage-${c.value}`;
        const input = h('input', {
          type: 'radio',
          name: `${idPrefix}-storage`,
          id,
          value: c.value,
          checked: c.value === chosen || undefined,
          disabled: !c.available || undefined,
          'aria-describedby': `${id}-detail`,
          onchange: () => {
            chosen = c.value;
          },
        });
        return h(
          'div',
          { class: `dh-storage-choice${c.available ? '' : ' unavailable'}` },
          input,
          h('label', { for: id }, h('span', { class: 'dh-storage-label' }, c.label), h('span', { class: 'dh-muted dh-small', id: `${id}-detail` }, c.detail)),
        );
      }),
    );
  }

  async function refresh(url: string): Promise<void> {
    const address = url.trim() || '127.0.0.1';
    if (address === lastUrl) return;
    lastUrl = address;
    try {
      render(await app.api.registries.storageOptions(address));
    } catch {
      // An address that does not parse yet: keep the last choices (the add itself reports the address).
      if (!list.querySelector('input'))
        render([
          { value: 'session', label: 'For this session only', detail: 'Kept in memory and forgotten when Dockhand stops.', available: true, recommended: true },
        ]);
    }
  }
  void refresh(initialUrl);
  return { element, value: () => chosen, refresh };
}
