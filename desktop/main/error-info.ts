// Turns any thrown value into the plain ErrorInfo that crosses the bridge. Keeps the
// registry error code, HTTP status and hint when the error carries them; never the stack.
// Message and hint go through the shared redact(): remembered secrets and secret shapes.
import type { ErrorInfo } from '../common';
import { redact } from '@dockhand/shared/credentials';
import { guiErrorInfo, guiWords } from './gui-wording';

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof Error) {
    const e = err as Error & { code?: unknown; status?: unknown; statusCode?: unknown; hint?: unknown; fix?: unknown };
    const info: ErrorInfo = { name: e.name || 'Error', message: redact(e.message || String(err)) };
    if (typeof e.code === 'string' || typeof e.code === 'number') info.code = String(e.code);
    const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
    if (status !== undefined) info.status = status;
    const hint = typeof e.hint === 'string' ? e.hint : typeof e.fix === 'string' ? e.fix : undefined;
    if (hint) info.hint = redact(hint);
    return guiErrorInfo(info, err); // the desktop's words for the core's command-line fixes
  }
  return { name: 'Error', message: redact(String(err)) };
}

/**
 * An error's message, redacted and in the desktop's words (the fix after it), for results that carry an error
 * as data (a credential source that failed, a tag row that could not be read).
 */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return guiWords(redact(String(err)));
  const info = toErrorInfo(err);
  return info.hint && !info.message.includes(info.hint) ? `${info.message} ${info.hint}` : info.message;
}
