// The receiver's HTTP server: POST /events from the registry (ingest token), and the query API for
// front ends under /api/ (client token). Events are committed to the store before the 200.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  EVENT_ACTIONS,
  EVENTS_MEDIA_TYPE,
  INGEST_TOKEN_HEADER,
  STREAM_EVENT_NAME,
  type EventAction,
  type EventsQuery,
  type IngestResponse,
  type StoredEvent,
} from './api-types';
import { HttpError, readBody, sendError, sendJson } from './http-body';
import { MAX_LIMIT, type EventStore } from './store';
import { requestToken, tokenMatches } from './token-check';
import { EnvelopeError, parseEnvelope } from './validate';

export interface EventsServerOptions {
  store: EventStore;
  /** The secret the registry sends (Authorization: Bearer, or X-Dockhand-Token). */
  ingestToken: string;
  /** The secret front ends send to /api/. */
  clientToken: string;
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
  log?: (line: string) => void;
}

export const DEFAULT_MAX_BODY = 4 * 1024 * 1024;

interface StreamClient {
  res: ServerResponse;
  lastSeq: number;
  queue: StoredEvent[] | undefined;
}

export class EventsServer {
  readonly server: Server;
  private readonly clients = new Set<StreamClient>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly opts: EventsServerOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : 500;
        if (status === 500) opts.log?.(`error: ${(err as Error).message}`);
        sendError(res, status, status === 500 ? `the receiver failed: ${(err as Error).message}` : (err as Error).message);
      });
    });
    this.server.headersTimeout = 20_000;
    this.server.requestTimeout = 60_000;
  }

  async listen(host: string, port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.res.write(': keep-alive\n\n');
    }, 15_000);
    this.heartbeat.unref();
    const a = this.server.address() as AddressInfo;
    return `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (url.pathname === '/events') {
      if (req.method !== 'POST') throw new HttpError(405, 'POST notification envelopes to /events');
      return this.ingest(req, res);
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET') throw new HttpError(405, `${url.pathname} answers GET only`);
      if (!tokenMatches(requestToken(req.headers), this.opts.clientToken))
        throw new HttpError(401, 'missing or wrong client token: send Authorization: Bearer <clientToken from receiver.json>');
      if (url.pathname === '/api/events') return sendJson(res, 200, await this.events(url));
      if (url.pathname === '/api/tags') return this.tags(url, res);
      if (url.pathname === '/api/health')
        return sendJson(res, 200, { ok: true, store: this.opts.store.description, pid: process.pid, events: await this.opts.store.count() });
      if (url.pathname === '/api/stream') return this.stream(req, res);
    }
    throw new HttpError(404, `no such endpoint: ${url.pathname} (the registry posts to /events)`);
  }

  private async ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!tokenMatches(requestToken(req.headers, INGEST_TOKEN_HEADER), this.opts.ingestToken)) {
      throw new HttpError(
        401,
        `missing or wrong token: configure the endpoint's headers with "Authorization: Bearer <token>" (dockhand listen-config writes them)`,
      );
    }
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== EVENTS_MEDIA_TYPE && type !== 'application/json')
      throw new HttpError(415, `the body must be ${EVENTS_MEDIA_TYPE}, not ${JSON.stringify(type)}`);
    const body = await readBody(req, this.opts.maxBodyBytes ?? DEFAULT_MAX_BODY, this.opts.bodyTimeoutMs ?? 30_000);
    let parsed;
    try {
      parsed = parseEnvelope(JSON.parse(body.toString('utf8')));
    } catch (err) {
      if (err instanceof SyntaxError) throw new HttpError(400, `the body is not JSON: ${err.message}`);
      if (err instanceof EnvelopeError) throw new HttpError(400, err.message);
      throw err;
    }
    let result;
    try {
      result = await this.opts.store.insert(parsed.good);
    } catch (err) {
      this.opts.log?.(`store error: ${(err as Error).message}`);
      throw new HttpError(503, `the event store failed (${(err as Error).message}); nothing was stored, send again`);
    }
    this.broadcast(result.inserted);
    const answer: IngestResponse = { accepted: result.inserted.length, duplicates: result.duplicates, rejected: parsed.rejected };
    if (parsed.rejected.length) {
      answer.message =
        `${parsed.rejected.length} of ${parsed.good.length + parsed.rejected.length} events rejected (the others were stored): ` +
        parsed.rejected
          .slice(0, 5)
          .map((r) => `#${r.index}${r.id ? ` (${r.id})` : ''}: ${r.reason}`)
          .join('; ');
      this.opts.log?.(answer.message);
      return sendJson(res, 400, answer);
    }
    sendJson(res, 200, answer);
  }

  private async events(url: URL) {
    const q = parseQuery(url.searchParams);
    const events = await this.opts.store.query(q);
    const limit = q.limit ?? 200;
    return events.length >= limit ? { events, nextBefore: events[events.length - 1]!.seq } : { events };
  }

  private async tags(url: URL, res: ServerResponse): Promise<void> {
    const repo = url.searchParams.get('repo');
    if (!repo) throw new HttpError(400, 'say which repository: /api/tags?repo=NAME');
    const registry = url.searchParams.get('registry') || undefined;
    if (registry && !/^[A-Za-z0-9.\-[\]:]{1,262}$/.test(registry)) throw new HttpError(400, `registry=${registry.slice(0, 80)} is not a host[:port]`);
    const [tags, knownSince] = await Promise.all([this.opts.store.tagDates(repo, registry), this.opts.store.oldest()]);
    sendJson(res, 200, knownSince ? { repository: repo, tags, knownSince } : { repository: repo, tags });
  }

  private async stream(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    const last = Number(req.headers['last-event-id']);
    const client: StreamClient = { res, lastSeq: Number.isSafeInteger(last) ? last : Number.MAX_SAFE_INTEGER, queue: [] };
    this.clients.add(client);
    req.on('close', () => this.clients.delete(client));
    if (Number.isSafeInteger(last)) {
      for (;;) {
        const batch = await this.opts.store.query({ afterSeq: client.lastSeq, limit: MAX_LIMIT, blobs: true });
        for (const e of batch) this.send(client, e);
        if (batch.length < MAX_LIMIT) break;
      }
    }
    const queued = client.queue ?? [];
    client.queue = undefined;
    for (const e of queued) this.send(client, e);
  }

  private broadcast(events: StoredEvent[]): void {
    for (const c of this.clients)
      for (const e of events) {
        if (c.queue) c.queue.push(e);
        else this.send(c, e);
      }
  }

  private send(c: StreamClient, e: StoredEvent): void {
    if (c.lastSeq !== Number.MAX_SAFE_INTEGER && e.seq <= c.lastSeq) return;
    c.lastSeq = e.seq;
    c.res.write(`event: ${STREAM_EVENT_NAME}\nid: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`);
  }
}

export function parseQuery(p: URLSearchParams): EventsQuery {
  const q: EventsQuery = {};
  const repo = p.get('repo');
  if (repo) q.repo = repo;
  for (const k of ['since', 'until'] as const) {
    const v = p.get(k);
    if (!v) continue;
    if (Number.isNaN(Date.parse(v))) throw new HttpError(400, `${k}=${v} is not a date (use ISO 8601, e.g. 2026-01-31T00:00:00Z)`);
    q[k] = new Date(Date.parse(v)).toISOString();
  }
  const action = p.get('action');
  if (action) {
    if (!EVENT_ACTIONS.includes(action as EventAction)) throw new HttpError(400, `action=${action} is not one of ${EVENT_ACTIONS.join(', ')}`);
    q.action = action as EventAction;
  }
  for (const k of ['limit', 'before'] as const) {
    const v = p.get(k);
    if (!v) continue;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1) throw new HttpError(400, `${k}=${v} is not a positive whole number`);
    q[k] = k === 'limit' ? Math.min(n, MAX_LIMIT) : n;
  }
  if (p.get('blobs') === 'true' || p.get('blobs') === '1') q.blobs = true;
  const text = p.get('text')?.trim();
  if (text) q.text = text.slice(0, 200);
  return q;
}
