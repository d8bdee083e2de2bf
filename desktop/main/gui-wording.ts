// The desktop words the core's errors for a GUI: the core's message ends with a fix written
// for the command line (`--ca FILE`, `--password-stdin`, `docker login HOST`) and names
// credential sources by kind ("(explicit)"). Here the fix becomes what to do in this app,
// and the code stays, so the renderer can offer the fix as a button (Sign in, Retry).
import type { ErrorInfo } from '../common';
import { guiFix } from './gui-fixes';

interface CoreError {
  code?: unknown;
  summary?: unknown;
  detail?: unknown;
  fix?: unknown;
  host?: unknown;
  repository?: unknown;
  method?: unknown;
  status?: unknown;
}

/** Rewrite command-line wording into the desktop's words. */
export function guiWords(text: string): string {
  return text
    .replace(/\s*\((?:explicit|keychain|credHelper|credsStore|auths|authJson|fallback)\)/g, '')
    .replace(/the sign-in form/g, 'the sign-in dialog')
    .replace(/,? or pass --username with --password-stdin/g, ', or sign in with the Sign in button')
    .replace(/log in again \(docker login [^)]*\)/gi, 'sign in again with the Sign in button')
    .replace(/Log in first \(docker login [^)]*\)/g, 'Sign in first with the Sign in button')
    .replace(/Log in \(docker login [^)]*\) so Dockhand can use Docker's credentials/g, 'Sign in with the Sign in button')
    .replace(/\s*\(or pass --ca FILE\)/g, ' (or give it as the CA certificate file when adding the registry)')
    .replace(/--ca FILE/g, 'the CA certificate file of the registry')
    .replace(/\s*\(--insecure\)/g, ' (add it with an http:// address)')
    .replace(/use --insecure only for a test registry/g, 'use "Skip TLS verification" only for a test registry')
    .replace(/--insecure/g, '"Skip TLS verification"')
    .replace(/--certs-dir DIR/g, 'the certs.d folder')
    .replace(/Choose one of its platforms with --platform:/g, 'Choose one of its platforms:')
    .replace(/Leave out --platform, or name a reference that has that platform/g, 'Choose one of the platforms the image has')
    .replace(/To delete a digest and all its tags, use rm without --untag\./g, 'To delete an image and all its tags, use Delete.')
    .replace(/\s*\(skopeo [^)]*\)/g, ' (with skopeo)')
    // What is left of the command line: "(dockhand tags HOST/REPO lists the tags)", "(--keep N)" say nothing in the app.
    .replace(/\s*\((?:e\.g\. )?dockhand [^)]*\)/g, '')
    .replace(/\s*\(--[a-z][a-z-]*(?: [^)]*)?\)/g, '');
}

/** GUI wording for an error that crosses to the renderer: summary and facts as the message, the fix as the hint. */
export function guiErrorInfo(info: ErrorInfo, err: unknown): ErrorInfo {
  const e = err as CoreError;
  if (typeof e?.summary === 'string' && typeof e.fix === 'string') {
    // The core's one-line message is summary: detail (CODE, HTTP n, host). fix. — the GUI shows
    // the summary and the registry's own detail, keeps code and status as data, and the fix as the hint.
    const oneLine = (t: string) => t.replace(/\s+/g, ' ').trim();
    const detail = typeof e.detail === 'string' && e.detail ? `: ${oneLine(e.detail)}` : '';
    // The fix: the desktop's own, chosen by code and facts (gui-fixes.ts); else the core's, reworded.
    return { ...info, message: guiWords(`${oneLine(e.summary)}${detail}.`), hint: guiFix(e) ?? guiWords(oneLine(e.fix)) };
  }
  return { ...info, message: guiWords(info.message), ...(info.hint ? { hint: guiWords(info.hint) } : {}) };
}
