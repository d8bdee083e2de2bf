// What "Log Out" asks before it removes anything: whose login it is and where it lives. A
// login that belongs to docker (config.json auths, its credsStore or a credHelper) is the
// docker CLI's too, so removing it logs docker out as well: the dialog says so and its button
// says "Log Out of Docker Too". Pure (no vscode), so the wording is unit-tested.
import type { KnownRegistry } from '@dockhand/shared/credentials';

export interface LogoutPrompt {
  message: string;
  detail: string;
  /** The one confirming button (Cancel is always there). */
  confirm: string;
}

const DOCKER_KINDS = new Set(['auths', 'credsStore', 'credHelper']);

const PLACE: Record<string, string> = {
  keychain: "Dockhand's entry in the OS keychain",
  fallback: "VS Code's secret storage",
  credHelper: "docker's credential helper",
  credsStore: "docker's credential store",
  auths: "docker's config.json",
  authJson: "podman's auth.json",
};

/** The dialog for logging out of `host`, given the store's listing of known logins. */
export function logoutPrompt(host: string, known: readonly KnownRegistry[]): LogoutPrompt {
  const mine = known.filter((r) => r.host === host);
  const who = (r: KnownRegistry) => (r.username ? `"${r.username}"` : 'a token');
  const docker = mine.filter((r) => DOCKER_KINDS.has(r.source.kind));
  const podman = mine.filter((r) => r.source.kind === 'authJson');
  const own = mine.filter((r) => !DOCKER_KINDS.has(r.source.kind) && r.source.kind !== 'authJson');
  const lines: string[] = [];
  for (const r of own) lines.push(`Dockhand's login as ${who(r)}, in ${PLACE[r.source.kind] ?? r.source.detail}: removed.`);
  for (const r of docker) {
    lines.push(
      `Docker's login as ${who(r)}, in ${PLACE[r.source.kind]} (${r.source.detail}): removed there, so the docker CLI is logged out of ${host} too.` +
        (r.source.kind === 'auths' ? ' The rest of config.json stays as it is, formatting included.' : ''),
    );
  }
  for (const r of podman) lines.push(`Podman's login as ${who(r)} (${r.source.detail}) stays; remove it with podman logout ${host}.`);
  if (!lines.length) lines.push(`No stored login for ${host} was found; nothing will change.`);
  return {
    message: docker.length ? `Log out of ${host}, for docker too?` : `Log out of ${host}?`,
    detail: lines.join('\n\n'),
    confirm: docker.length ? 'Log Out of Docker Too' : 'Log Out',
  };
}
