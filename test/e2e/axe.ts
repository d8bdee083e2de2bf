// axe-core (the npm package) run inside the page through Playwright: every desktop screen
// must have no serious or critical violation. The engine is injected with page.evaluate,
// which the renderer's strict CSP does not block (a <script> tag would be).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The serious and critical violations on the page as it is now (empty when it passes). */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact?: string; help: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}

/** Throws with a readable list when the page has serious or critical violations. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const found = await axeViolations(page);
  if (found.length) {
    throw new Error(
      `axe-core: ${found.length} serious/critical violation(s) on ${what}:\n` +
        found.map((f) => `  [${f.impact}] ${f.id}: ${f.help} at ${f.targets.join(' ')}`).join('\n'),
    );
  }
}
