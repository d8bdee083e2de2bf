// "The tags of registry R / repository P changed" (after a copy, retag, push or delete):
// views showing that repository reload; nothing else needs to know who changed them.
const TARGET = new EventTarget();
const EVENT = 'dockhand-tags-changed';

export function notifyTagsChanged(registryId: string, repository: string): void {
  TARGET.dispatchEvent(new CustomEvent(EVENT, { detail: { registryId, repository } }));
}

/** Calls `reload` while `owner` is in the document; the listener goes away with it. */
export function onTagsChanged(owner: Element, registryId: string, repository: string, reload: () => void): void {
  const listener = (ev: Event) => {
    if (!owner.isConnected) {
      TARGET.removeEventListener(EVENT, listener);
      return;
    }
    const d = (ev as CustomEvent<{ registryId: string; repository: string }>).detail;
    if (d.registryId === registryId && d.repository === repository) reload();
  };
  TARGET.addEventListener(EVENT, listener);
}
