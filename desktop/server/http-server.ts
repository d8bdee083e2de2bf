// The served mode: the desktop renderer and the same main-process handlers, over HTTP on
// loopback, for machines without Electron's binary and for headless servers.
//
//   GET  /, /renderer.js, /renderer.css, /media/...   static files of the renderer bundle
//   POST /api/<namespace:method>                       body {"args": [...]} -> envelope JSON
//
// Every API call needs `Authorization: Bearer <token>` (a random per-run token, printed in
// the URL's #fragment so it never reaches logs or Referer headers). Requests whose Host is
// not this loopback address (DNS rebinding) or whose Origin is foreign are refused, and the
// JSON-only API forces a CORS preflight that is never granted.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../main/dispatcher';
import { RENDERER_CSP } from './csp';

export interface ServedModeOptions {
  dispatch: Dispatch;
  /** Folder with index.html and the bundles (desktop/dist/renderer). */
  rendererDir: string;
  /** 127.0.0.1 (default), ::1 or localhost. Anything else is refused. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Per-run token; default 32 random bytes, base64url. */
  token?: string;
  log?: (line: string) => void;
}

export interface ServedMode {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** URL to open, with the token in the fragment. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export async function startServedMode(opts: ServedModeOptions): Promise<ServedMode> {
  const host = opts.host ?? '127.0.0.1';
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
    throw new Error(`Served mode listens on loopback only (127.0.0.1, ::1 or localhost), not ${host}. Use an SSH tunnel to reach it from another machine.`);
  }
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(`Bearer ${token}`);
  const rendererDir = await realpath(resolve(opts.rendererDir));
  const log = opts.log ?? (() => {});
  let allowedHosts = new Set<string>();
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(`served mode: ${(err as Error).message}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!req.headers.host || !allowedHosts.has(req.headers.host.toLowerCase())) {
      return send(res, 421, 'text/plain; charset=utf-8', 'Unexpected Host header.');
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, decodeURIComponent(url.pathname.slice(5)));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    return serveStatic(res, url.pathname === '/' ? '/index.html' : url.pathname, req.method === 'HEAD');
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Use POST.');
    if (req.headers.origin && req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'Foreign origin.');
    const auth = Buffer.from(String(req.headers.authorization ?? ''));
    if (auth.length !== tokenBuf.length || !timingSafeEqual(auth, tokenBuf)) {
      return sendJson(res, 401, {
        error: { name: 'Unauthorized', message: 'Missing or wrong served-mode token. Open the URL printed by `npm run serve` (it carries #token=...).' },
      });
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain; charset=utf-8', 'Send application/json.');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      return sendJson(res, 400, { error: { name: 'BadRequest', message: (err as Error).message } });
    }
    const args = body && typeof body === 'object' ? (body as { args?: unknown }).args : undefined;
    sendJson(res, 200, await opts.dispatch(channel, args));
  }

  async function serveStatic(res: ServerResponse, pathname: string, headOnly: boolean): Promise<void> {
    const file = resolve(rendererDir, '.' + pathname);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    let data: Buffer;
    try {
      const real = await realpath(file);
      if (!real.startsWith(rendererDir + sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      data = await readFile(real);
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    }
    res.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': data.length,
      'Cache-Control': 'no-store',
    });
    res.end(headOnly ? undefined : data);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host === '::1' ? '[::1]' : host;
  origin = `http://${hostInUrl}:${port}`;
  allowedHosts = new Set(
    [`${hostInUrl}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`].filter((h) => host !== '::1' || h.startsWith('[') || h.startsWith('localhost')),
  );
  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error(`Request body over ${MAX_BODY} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
