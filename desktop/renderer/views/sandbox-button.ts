// "Start a sandbox registry" on the welcome screen: a local registry with sample images
// (shared/src/sandbox), added to the registry list and opened, so a new user can browse at once.
import type { AppContext } from '../app-context';
import { h } from '../dom';
import { icon } from '../icons';
import { button } from '../toolkit';
import { errorMessage, toast } from '../ui';

export function sandboxAction(app: AppContext, primary: boolean): HTMLElement {
  const status = h('p', { class: 'dh-small dh-muted', id: 'sandbox-status', role: 'status', 'aria-live': 'polite' });
  const start = button([icon('registry'), ' Start a sandbox registry'], () => void run(), {
    id: 'welcome-sandbox',
    appearance: primary ? 'primary' : 'secondary',
    title: 'Start a local registry with sample images to try Dockhand on',
  });
  async function run(): Promise<void> {
    start.setAttribute('disabled', '');
    status.className = 'dh-small dh-muted';
    status.textContent = 'Starting a local registry and adding sample images…';
    try {
      const reg = await app.api.registries.startSandbox();
      toast(`Sandbox registry ready at ${reg.host}`, 'ok');
      await app.reloadRegistries();
      app.navigate({ view: 'registry', registryId: reg.id });
    } catch (err) {
      status.className = 'dh-small dh-error-text';
      status.textContent = `The sandbox registry could not start. ${errorMessage(err)}`;
      start.removeAttribute('disabled');
      start.focus();
    }
  }
  return h('div', { class: 'dh-welcome-sandbox' }, start, status);
}
