// Small Playwright helpers for driving the VS Code workbench in code-server.
import type { Locator, Page } from 'playwright-core';

export function viewPane(page: Page, title: string): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });
}

/** A tree row whose label is exactly `label` (rows carry it in aria-label, with extras after). */
export function row(scope: Locator | Page, label: string): Locator {
  const page = 'page' in scope ? scope.page() : scope;
  return scope.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) });
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function contextMenu(page: Page, target: Locator, item: string): Promise<void> {
  const entry = page
    .locator('.context-view .monaco-menu')
    .getByRole('menuitem', { name: new RegExp(`^${escapeRe(item)}`) })
    .first();
  // A row that is still being laid out (a pane just expanded, a tree refresh) can take the
  // right-click before its menu contributions apply: close whatever opened and try again.
  for (let attempt = 1; ; attempt++) {
    await target.scrollIntoViewIfNeeded().catch(() => undefined);
    await target.click({ button: 'right' });
    try {
      await entry.waitFor({ timeout: attempt < 4 ? 8_000 : 20_000 });
      break;
    } catch (err) {
      if (attempt >= 4) throw err;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500 * attempt);
    }
  }
  // Monaco menus run an item on Enter once it has focus (hovering focuses it); a fast click right after opening can be ignored.
  await entry.hover();
  await page.keyboard.press('Enter');
  await page
    .locator('.context-view .monaco-menu')
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => page.keyboard.press('Escape'));
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget input.input');
}

/** Types into the open InputBox/QuickPick and accepts. */
export async function answer(page: Page, text: string, opts: { replace?: boolean; pick?: string } = {}): Promise<void> {
  const input = quickInput(page);
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  if (opts.replace !== false) await input.fill(text);
  if (opts.pick) {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: opts.pick }).first().waitFor({ timeout: 20_000 });
  }
  await input.press('Enter');
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page);
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 20_000 });
  await input.press('Enter');
}

export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/** Expands a tree row (no-op when it already is), clicking its twistie. */
export async function expand(r: Locator): Promise<void> {
  await r.waitFor({ timeout: 60_000 });
  for (let i = 0; i < 3; i++) {
    if ((await r.getAttribute('aria-expanded')) === 'true') return;
    await r.locator('.monaco-tl-twistie').click();
    await r.page().waitForTimeout(300);
  }
  if ((await r.getAttribute('aria-expanded')) !== 'true') throw new Error(`tree row did not expand: ${await r.getAttribute('aria-label')}`);
}

export async function collapse(r: Locator): Promise<void> {
  if ((await r.getAttribute('aria-expanded')) === 'true') await r.locator('.monaco-tl-twistie').click();
}

/**
 * Waits until the extension has activated (and so registered its commands): `firstRow` (a
 * registry row) is in the tree. On a busy machine the extension host can come up minutes late;
 * while it has not, the view shows its welcome text and "no data provider". Running a Dockhand
 * command through the command palette activates it too, so that is tried between waits.
 */
export async function waitForActivation(page: Page, firstRow: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await firstRow.waitFor({ timeout: 120_000 });
      return;
    } catch (err) {
      if (attempt >= 4) throw new Error(`the extension did not activate (no tree row after ${attempt} tries of 120 s): ${(err as Error).message}`);
      await page.keyboard.press('Escape');
      await runCommand(page, 'Dockhand: Refresh').catch(() => undefined);
    }
  }
}
