// How the extension words a failure. The shared core returns a code and facts (RegistryError:
// code, summary, host, the registry's own detail); its `fix` is written for the command line
// (`--ca FILE`, `--password-stdin`, `docker login`, `dockhand tags`). Here each code gets the
// fix in the editor's own terms, and the button that performs it where there is one. Pure (no
// vscode import), so every wording is unit-tested.
import { isRegistryError } from '@dockhand/shared/registry';
import { redact } from '@dockhand/shared/credentials';
import { COMMANDS } from '../commands/commandIds';

export interface FailureAction {
  title: string;
  command: string;
}

export interface FailureWording {
  /** One line: what failed, then why ("Copying team/app:1.2 failed: ..."). */
  message: string;
  /** The button that fixes it, if there is one (Retry is added by the caller where it can retry). */
  action?: FailureAction;
  /** False for a cancel: nothing to tell. */
  show: boolean;
}

const SOURCE_KINDS = /\s\((?:keychain|credHelper|credsStore|auths|authJson|explicit|fallback)\)/g;
/** Text that only makes sense on a command line. */
const CLI_ONLY = /(^|\s)--?[a-z][\w-]*|\bdockhand \w|\bdocker login\b|\bpodman logout\b|`/;

function sentence(s: string): string {
  const t = s.trim();
  return !t ? t : /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * A message written for the command line in the editor's words: no flags in parentheses, no
 * credential-source kinds, commands to type replaced by what to do here, and any sentence
 * still naming a flag or a command dropped.
 */
export function editorWords(message: string): string {
  const text = message
    .replace(/\(--older-than keeps it\)/g, '(the age limit keeps it)')
    .replace(/\(--sort semver\)/g, '(sorting by version)')
    .replace(/\(purge --orphans checks whether it still exists\)/g, '(its image may have been deleted)')
    // A parenthesis naming a flag or a command to type ("(--ca FILE)", "(e.g. `gnome-keyring-daemon --unlock`)").
    .replace(/\s*\(([^()]*)\)/g, (all, inner: string) => (/(^|\s)--?[a-z]|`/.test(inner) ? '' : all))
    .replace(SOURCE_KINDS, '')
    .replace(/Run `dockhand logout` and log in again\./g, 'Log out of it in the Registries view and log in again.')
    .replace(/Run `docker login ([^`]+)` again\./g, 'Log in to $1 again.');
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  const kept = sentences.filter((s, i) => i === 0 || !CLI_ONLY.test(s));
  return kept.join(' ');
}

/** The failure in the editor's words, without what was being done: the facts, then the fix. */
export function explainFailure(err: unknown): Omit<FailureWording, 'message'> & { text: string } {
  if (!isRegistryError(err)) {
    const text = editorWords(redact(err instanceof Error ? err.message : String(err)).split('\n')[0]!);
    return { show: true, text: sentence(upper(text)) };
  }
  const facts = upper(sentence(redact(`${err.summary}${err.detail ? `: ${err.detail}` : ''}`).replace(SOURCE_KINDS, '')));
  return { show: true, ...fixFor(err.code, err.host, err.summary, err.fix, facts) };
}

/** The fix for an error code, in the editor's words, after `facts`. */
function fixFor(code: string, host: string, summary: string, cliFix: string, facts: string): { text: string; action?: FailureAction; show?: false } {
  const say = (fix: string, action?: FailureAction) => ({ text: `${facts} ${fix}`.trim(), ...(action ? { action } : {}) });
  const err = { code, host, summary, fix: cliFix };
  switch (err.code) {
    case 'ABORTED':
      return { show: false, text: 'Cancelled.' };
    case 'UNAUTHORIZED':
      return say(`Log in to ${err.host} with a username and password the registry accepts.`, { title: 'Log In…', command: COMMANDS.login });
    case 'DENIED':
      return say("This login may not do that here: log in with an account that has the rights, or ask the registry's admin.", {
        title: 'Log In as Someone Else…',
        command: COMMANDS.login,
      });
    case 'TLS':
      if (/plain HTTP/.test(err.summary))
        return say('If the registry is meant to be plain HTTP, mark it insecure; otherwise turn TLS on in it.', {
          title: 'Edit Registry…',
          command: COMMANDS.editRegistry,
        });
      return /client certificate/.test(err.summary)
        ? say(`The registry wants a client certificate: put client.cert and client.key in /etc/docker/certs.d/${err.host}/.`)
        : say("Choose the CA certificate that signed the registry's certificate, or mark the registry insecure if it is a test registry.", {
            title: 'Edit Registry…',
            command: COMMANDS.editRegistry,
          });
    case 'UNREACHABLE':
    case 'TIMEOUT':
      return say(`Check that ${err.host} is running and reachable (host name, port, proxy settings).`);
    case 'NAME_UNKNOWN':
    case 'MANIFEST_UNKNOWN': {
      // An index without the platform asked for: the platforms are the tag's children in the tree.
      const platforms = /--platform: (.*?)\.?$/.exec(err.fix)?.[1];
      if (platforms) return say(`Expand the tag in the Registries view and pick one of its platforms (${platforms}).`);
      if (/--platform/.test(err.fix)) return say('Pick a tag or platform that has that platform.');
      return say('It may have changed since the view was loaded: refresh the Registries view.', { title: 'Refresh', command: COMMANDS.refresh });
    }
    default: {
      // The core's fix without its command-line asides, when what is left is plain words.
      const fix = err.fix ? editorWords(err.fix) : '';
      return say(CLI_ONLY.test(fix) || !fix ? "Try again; if it keeps failing, look at the registry's log." : sentence(fix));
    }
  }
}

/**
 * A failed log-in. The credential store wraps what the registry answered to the check
 * (`verifyError`, kept by the caller): a refused password says so plainly, with no Log In
 * button (Retry asks again); anything else is worded as every other failure.
 */
export function wordLoginFailure(host: string, err: unknown, verifyError?: unknown): FailureWording {
  const what = `Logging in to ${host}`;
  if (isRegistryError(verifyError) && (verifyError.code === 'UNAUTHORIZED' || verifyError.code === 'DENIED')) {
    return {
      show: true,
      message: `${what} failed. ${host} did not accept this username and password (or token); nothing was stored. Check them and try again.`,
    };
  }
  const w = wordFailure(what, verifyError ?? err);
  return verifyError ? { ...w, message: `${w.message} Nothing was stored.` } : w;
}

const WITH_EDITOR_FIX = new Set(['UNAUTHORIZED', 'DENIED', 'TLS', 'UNREACHABLE', 'TIMEOUT', 'NAME_UNKNOWN', 'MANIFEST_UNKNOWN']);

/** Steps of a clean-up that failed (`error` is the core's message, `code` its RegistryError code). */
export function wordStepFailures(
  what: string,
  host: string,
  failed: Array<{ error: string; code?: string }>,
  skipped: Array<{ reason: string }>,
): FailureWording {
  const parts = [];
  if (failed.length) {
    const first = failed[0]!;
    const facts = upper(sentence(editorWords(redact(first.error))));
    // The core's message already carries its fix; codes with an editor fix (a button) get that instead.
    const { text, action } =
      first.code && WITH_EDITOR_FIX.has(first.code) ? fixFor(first.code, host, first.error, '', facts) : { text: facts, action: undefined };
    parts.push(`${failed.length} step${failed.length === 1 ? '' : 's'} failed. ${text}`);
    return {
      show: true,
      message: `${what}: ${parts.join(' ')}${skipped.length ? ` ${skipped.length} skipped (${skipped[0]!.reason}).` : ''}`,
      ...(action ? { action } : {}),
    };
  }
  return { show: true, message: `${what}: ${skipped.length} step${skipped.length === 1 ? '' : 's'} skipped: ${sentence(skipped[0]?.reason ?? '')}` };
}

/** `what`: the action in words, capitalised ("Copying team/app:1.2 to 127.0.0.1:5000"). */
export function wordFailure(what: string, err: unknown): FailureWording {
  const { text, ...rest } = explainFailure(err);
  return { ...rest, message: rest.show ? `${what} failed. ${text}` : `${what} was cancelled.` };
}

function upper(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
