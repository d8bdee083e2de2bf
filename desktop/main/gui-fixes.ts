// The desktop's own words for what to do about a registry failure, chosen by the core's
// error code and facts (host, repository, method), not by rewriting the core's English fix
// (which is written for the command line). Codes not listed keep the core's fix, put in
// the desktop's words by gui-wording.ts.

export interface ErrorFacts {
  code?: unknown;
  host?: unknown;
  repository?: unknown;
  method?: unknown;
  status?: unknown;
}

const WRITES = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);

/** The fix for the desktop, or undefined when the core's fix is kept. */
export function guiFix(e: ErrorFacts): string | undefined {
  const host = typeof e.host === 'string' ? e.host : 'the registry';
  const repo = typeof e.repository === 'string' && e.repository ? e.repository : undefined;
  const write = typeof e.method === 'string' && WRITES.has(e.method);
  switch (e.code) {
    case 'UNAUTHORIZED':
      return `Sign in to ${host} with the Sign in button (check the user name and the password or token).`;
    case 'DENIED':
      return write
        ? `This account may read ${repo ?? host} but not change it: sign in with an account that may push and delete there, or ask the registry's admin.`
        : `This account may not read ${repo ?? host}: sign in with an account that has access, or ask the registry's admin.`;
    case 'NAME_UNKNOWN':
      return `There is no ${repo ? `repository ${repo}` : 'such repository'} in ${host} (any more): reload the repository list.`;
    case 'MANIFEST_UNKNOWN':
      return 'That tag or digest is not there (any more): reload the tag list.';
    case 'NO_CATALOG':
      return `${host} does not list its repositories: open a repository by its name instead.`;
    case 'PROXY_CACHE':
      return `${host} is a read-only pull-through cache: push to or delete in the registry it caches instead.`;
    case 'UNREACHABLE':
      return `Check that ${host} is running and that its address and port are right (and any proxy settings), then press Retry.`;
    case 'TOOMANYREQUESTS':
      return `${host} limits how often it may be asked: wait a minute, then press Retry.`;
    default:
      return undefined;
  }
}
