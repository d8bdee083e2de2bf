// How the extension words a failure. The shared core returns a code and facts (RegistryError:
// code, summary, host, the registry's own detail); its `fix` is written for the command line
// (`--ca FILE`, `--password-stdin`, `docker login`, `dockhand tags`). Here each code gets the
// fix in the editor's own terms, and the button that performs it where there is one. Pure (no
// vscode import), so every wording is unit-tested.
import { isRegistryError } from '@dockhand/shared/registry';
import { redact } from '@dockhand/shared/credentials';

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

/** The failure in the editor's words, without what was being done: the facts, then the fix. */
export function explainFailure(err: unknown): Omit<FailureWording, 'message'> & { text: string } {
  if (!isRegistryError(err)) {
    const text = redact(err instanceof Error ? err.message : String(err)).split('\n')[0]!;
    return { show: true, text: sentence(upper(text)) };
  }
  const facts = upper(sentence(redact(`${err.summary}${err.detail ? `: ${err.detail}` : ''}`).replace(SOURCE_KINDS, '')));
  const say = (fix: string, action?: FailureAction) => ({ show: true, text: `${facts} ${fix}`, ...(action ? { action } : {}) });
  switch (err.code) {
    case 'ABORTED':
      return { show: false, text: 'Cancelled.' };
    case 'UNAUTHORIZED':
      return say(`Log in to ${err.host} with a username and password the registry accepts.`, { title: 'Log In…', command: 'dockhand.login' });
    case 'DENIED':
      return say('This login may not do that here: log in with an account that has the rights, or ask the registry\'s admin.', { title: 'Log In as Someone Else…', command: 'dockhand.login' });
    case 'TLS':
      if (/plain HTTP/.test(err.summary)) return say('If the registry is meant to be plain HTTP, mark it insecure; otherwise turn TLS on in it.', { title: 'Edit Registry…', command: 'dockhand.editRegistry' });
      return /client certificate/.test(err.summary)
        ? say(`The registry wants a client certificate: put client.cert and client.key in /etc/docker/certs.d/${err.host}/.`)
        : say('Choose the CA certificate that signed the registry\'s certificate, or mark the registry insecure if it is a test registry.', { title: 'Edit Registry…', command: 'dockhand.editRegistry' });
    case 'UNREACHABLE':
    case 'TIMEOUT':
      return say(`Check that ${err.host} is running and reachable (host name, port, proxy settings).`);
    case 'NAME_UNKNOWN':
    case 'MANIFEST_UNKNOWN':
      return say('It may have changed since the view was loaded: refresh the Registries view.', { title: 'Refresh', command: 'dockhand.refresh' });
    default:
      return say(CLI_ONLY.test(err.fix) ? 'Try again; if it keeps failing, look at the registry\'s log.' : sentence(err.fix));
  }
}


/** `what`: the action in words, capitalised ("Copying team/app:1.2 to 127.0.0.1:5000"). */
export function wordFailure(what: string, err: unknown): FailureWording {
  const { text, ...rest } = explainFailure(err);
  return { ...rest, message: rest.show ? `${what} failed. ${text}` : `${what} was cancelled.` };
}

function upper(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
