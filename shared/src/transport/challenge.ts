// A WWW-Authenticate parser (RFC 7235): several challenges in one header, parameters
// quoted or bare in any order, escapes inside quoted strings, token68 credentials.
// Names are case-insensitive and come back lower-cased; values keep their case.

export interface Challenge {
  /** Lower-case scheme: "bearer", "basic", ... */
  scheme: string;
  /** Lower-case parameter names -> values (realm, service, scope, error, ...). */
  params: Record<string, string>;
  /** A token68 value, when the challenge carries one instead of parameters. */
  token68?: string;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

/** Parse one or more header values into the list of challenges, in order. Malformed parts are skipped, never thrown. */
export function parseWwwAuthenticate(header: string | string[] | undefined | null): Challenge[] {
  if (header === undefined || header === null) return [];
  if (Array.isArray(header)) return header.flatMap((h) => parseWwwAuthenticate(h));
  const s = header;
  const out: Challenge[] = [];
  let i = 0;
  const skipWs = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const skipWsAndCommas = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === ',')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < s.length && TCHAR.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  const readQuoted = (): string => {
    // s[i] === '"'
    i++;
    let v = '';
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\' && i + 1 < s.length) i++;
      v += s[i];
      i++;
    }
    i++; // closing quote (or end)
    return v;
  };

  while (i < s.length) {
    skipWsAndCommas();
    if (i >= s.length) break;
    const scheme = readToken();
    if (!scheme) {
      i++;
      continue;
    } // junk character: skip it
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    skipWs();
    // token68: a run of token68 characters, optional "=" padding, then the end or a comma.
    {
      const save = i;
      while (i < s.length && TOKEN68_CHAR.test(s[i]!)) i++;
      const bodyEnd = i;
      while (i < s.length && s[i] === '=') i++;
      const candidate = s.slice(save, i);
      skipWs();
      if (bodyEnd > save && (i >= s.length || s[i] === ',')) {
        challenge.token68 = candidate;
        continue;
      }
      i = save;
    }
    // auth-params
    for (;;) {
      skipWsAndCommas();
      if (i >= s.length) break;
      const save = i;
      const name = readToken();
      if (!name) {
        i++;
        continue;
      }
      skipWs();
      if (s[i] !== '=') {
        i = save;
        break;
      } // next challenge's scheme
      i++;
      skipWs();
      let value: string;
      if (s[i] === '"') value = readQuoted();
      else {
        const start = i;
        while (i < s.length && s[i] !== ',' && s[i] !== ' ' && s[i] !== '\t') i++;
        value = s.slice(start, i);
      }
      const key = name.toLowerCase();
      if (!(key in challenge.params)) challenge.params[key] = value;
    }
  }
  return out;
}

/** The first challenge with this scheme (case-insensitive). */
export function findChallenge(challenges: Challenge[], scheme: string): Challenge | undefined {
  const want = scheme.toLowerCase();
  return challenges.find((c) => c.scheme === want);
}

/** Scopes named in a bearer challenge's `scope` parameter (space-separated). */
export function challengeScopes(challenge: Challenge | undefined): string[] {
  const scope = challenge?.params.scope;
  return scope ? scope.split(' ').filter(Boolean) : [];
}
