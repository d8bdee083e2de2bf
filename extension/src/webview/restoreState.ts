// Restoring a details panel after a reload (host side only; the webview never imports this).
import type { RegistrySetting } from '../settings';
import { trustedTarget } from '../registry/trustedTarget';
import { isDetailsState, type DetailsState } from './protocol';

/**
 * The state to restore a panel from, or undefined: the persisted target is trusted for its
 * URL only; `insecure` and `caFile` come from the user's registry settings (a webview's
 * state is written by the webview, so it is not a place to keep TLS decisions).
 */
export function restoredDetailsState(v: unknown, settings: readonly RegistrySetting[]): DetailsState | undefined {
  if (!isDetailsState(v)) return undefined;
  const target = trustedTarget(v.target.url, settings);
  return target ? { target, repo: v.repo, tag: v.tag } : undefined;
}
