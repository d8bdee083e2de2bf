// The token service logic (no I/O set-up): request handling, ACL and RS256 JWT minting.
// Runs inside the token server's worker thread (token-worker.ts).
//   GET  /token?service=S&scope=repository:NAME:pull,push[&scope=...]  (Basic auth optional)
//        -> {token, access_token, expires_in, issued_at}
//   POST /token (form: grant_type=password|refresh_token, service, scope, client_id,
//        username/password or refresh_token, access_type=offline)
//        -> {access_token, token, expires_in, issued_at, scope[, refresh_token]}
// Tokens are RS256 JWTs whose header carries x5c (the signing certificate, signed by the bed
// CA); distribution 2.8 verifies an x5c chain against its rootcertbundle (token.go
// parseAndVerifyCertChain, before falling back to jwk or kid).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createPrivateKey, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import type { TokenAction, TokenRequestRecord, TokenUser } from './types';

export const TOKEN_SERVICE = 'dockhand-bed-registry';
export const TOKEN_ISSUER = 'dockhand-bed-token-issuer';

export interface TokenServiceConfig {
  users: TokenUser[];
  anonymousPull: boolean;
  expiresIn: number;
  signerKeyPem: string;
  signerCertDerBase64: string;
}

interface Scope {
  type: string;
  name: string;
  actions: string[];
}

/** Parse `type:name:actions` (the name may itself contain ':' e.g. a host:port prefix). */
export function parseScope(scope: string): Scope | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function repoAllowed(user: TokenUser, name: string): boolean {
  const patterns = user.repositories;
  if (!patterns) return true;
  return patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : p === name));
}

export function allowedActions(user: TokenUser | undefined, anonymousPull: boolean, s: Scope): string[] {
  if (!user) return s.type === 'repository' && anonymousPull ? s.actions.filter((a) => a === 'pull') : [];
  const granted: TokenAction[] = user.actions ?? ['pull', 'push', 'delete', '*'];
  if (s.type === 'registry') return granted.includes('*') ? s.actions : [];
  if (s.type !== 'repository' || !repoAllowed(user, s.name)) return [];
  return s.actions.filter((a) => granted.includes(a as TokenAction) || granted.includes('*'));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: object, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...extra });
  res.end(JSON.stringify(body));
}

/** An HTTP request listener implementing the token endpoint; `onRecord` sees every answered request. */
export function createTokenService(cfg: TokenServiceConfig, onRecord: (r: TokenRequestRecord) => void) {
  const key = createPrivateKey(cfg.signerKeyPem);
  const refreshTokens = new Map<string, string>(); // refresh token -> username

  const findUser = (username: string, password: string) => cfg.users.find((u) => u.username === username && safeEqual(u.password, password));

  function mint(user: TokenUser | undefined, scopes: string[]): { token: string; granted: string[]; issuedAt: string } {
    const now = Math.floor(Date.now() / 1000);
    const access: Array<{ type: string; name: string; actions: string[] }> = [];
    const granted: string[] = [];
    for (const raw of scopes) {
      const s = parseScope(raw);
      if (!s) continue;
      const actions = allowedActions(user, cfg.anonymousPull, s);
      access.push({ type: s.type, name: s.name, actions });
      if (actions.length) granted.push(`${s.type}:${s.name}:${actions.join(',')}`);
    }
    const header = { typ: 'JWT', alg: 'RS256', x5c: [cfg.signerCertDerBase64] };
    const claims = {
      iss: TOKEN_ISSUER,
      sub: user?.username ?? '',
      aud: TOKEN_SERVICE,
      exp: now + cfg.expiresIn,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(12).toString('hex'),
      access,
    };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(signingInput), key);
    return { token: `${signingInput}.${b64url(signature)}`, granted, issuedAt: new Date(now * 1000).toISOString() };
  }

  function finish(res: ServerResponse, record: TokenRequestRecord, status: number, body: object, extra: Record<string, string> = {}): void {
    record.status = status;
    onRecord(record); // before answering, so a client that got the answer can already see the record
    send(res, status, body, extra);
  }

  function unauthorized(res: ServerResponse, record: TokenRequestRecord, message: string): void {
    finish(
      res,
      record,
      401,
      { errors: [{ code: 'UNAUTHORIZED', message }], error: 'invalid_grant', error_description: message },
      { 'www-authenticate': 'Basic realm="dockhand-bed-token"' },
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/token') {
      send(res, 404, { error: 'not found' });
      return;
    }
    if (req.method === 'GET') {
      const scopes = url.searchParams
        .getAll('scope')
        .flatMap((s) => s.split(' '))
        .filter(Boolean);
      const record: TokenRequestRecord = { method: 'GET', scopes, status: 0, granted: [] };
      let user: TokenUser | undefined;
      const auth = req.headers.authorization;
      if (auth) {
        const m = /^Basic\s+(.+)$/i.exec(auth);
        const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
        const sep = decoded.indexOf(':');
        user = sep > 0 ? findUser(decoded.slice(0, sep), decoded.slice(sep + 1)) : undefined;
        if (!user) {
          unauthorized(res, record, 'invalid username or password');
          return;
        }
        record.user = user.username;
      }
      const service = url.searchParams.get('service');
      if (service && service !== TOKEN_SERVICE) {
        finish(res, record, 400, { errors: [{ code: 'DENIED', message: `unknown service ${service}` }] });
        return;
      }
      const t = mint(user, scopes);
      record.granted = t.granted;
      finish(res, record, 200, { token: t.token, access_token: t.token, expires_in: cfg.expiresIn, issued_at: t.issuedAt });
      return;
    }
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const grantType = form.get('grant_type') ?? '';
      const scopes = form
        .getAll('scope')
        .flatMap((s) => s.split(' '))
        .filter(Boolean);
      const record: TokenRequestRecord = { method: 'POST', grantType, scopes, status: 0, granted: [] };
      let user: TokenUser | undefined;
      let refreshToken: string | undefined;
      if (grantType === 'password') {
        user = findUser(form.get('username') ?? '', form.get('password') ?? '');
        if (!user) {
          unauthorized(res, record, 'invalid username or password');
          return;
        }
        if (form.get('access_type') === 'offline') {
          refreshToken = 'rt-' + randomBytes(18).toString('hex');
          refreshTokens.set(refreshToken, user.username);
        }
      } else if (grantType === 'refresh_token') {
        const owner = refreshTokens.get(form.get('refresh_token') ?? '');
        user = owner ? cfg.users.find((u) => u.username === owner) : undefined;
        if (!user) {
          unauthorized(res, record, 'invalid refresh token');
          return;
        }
        refreshToken = form.get('refresh_token') ?? undefined;
      } else {
        finish(res, record, 400, { error: 'unsupported_grant_type', error_description: `grant_type ${grantType || '(none)'} is not supported` });
        return;
      }
      record.user = user.username;
      const t = mint(user, scopes);
      record.granted = t.granted;
      finish(res, record, 200, {
        access_token: t.token,
        token: t.token,
        expires_in: cfg.expiresIn,
        issued_at: t.issuedAt,
        scope: t.granted.join(' '),
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
      });
      return;
    }
    send(res, 405, { error: 'method not allowed' });
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((e: Error) => {
      if (!res.headersSent) send(res, 500, { error: e.message });
      else res.end();
    });
  };
}
