// A small typed client for the events receiver (`dockhand listen`), for the CLI, the extension host
// and the desktop main process. It never opens the database (no better-sqlite3 here): the receiver
// is the only process that does, and it answers on loopback HTTP.
import { open } from 'node:fs/promises';
import {
  STREAM_EVENT_NAME,
  type EventsPage,
  type EventsQuery,
  type HealthResponse,
  type ReceiverInfo,
  type StoredEvent,
  type TagDatesResponse,
} from './api-types';
import { receiverStateFile } from './paths';
import { SseParser } from './sse-parser';

const MAX_INFO_BYTES = 64 * 1024;
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;

/** Reads receiver.json; undefined when no receiver runs (no file, or its process is gone). */
export async function findReceiver(env: NodeJS.ProcessEnv = process.env): Promise<ReceiverInfo | undefined> {
  let text: string;
  try {
    const fh = await open(receiverStateFile(env), 'r');
    try {
      const buf = Buffer.alloc(MAX_INFO_BYTES);
      const { bytesRead } = await fh.read(buf, 0, MAX_INFO_BYTES, 0);
      text = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const info = parseReceiverInfo(text);
  if (!info || !processAlive(info.pid)) return undefined;
  return info;
}

export function parseReceiverInfo(text: string): ReceiverInfo | undefined {
  let v: Partial<ReceiverInfo>;
  try {
    v = JSON.parse(text) as Partial<ReceiverInfo>;
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  if (typeof v.addr !== 'string' || !/^[\w.:[\]-]+:\d+$/.test(v.addr)) return undefined;
  if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0) return undefined;
  if (typeof v.clientToken !== 'string' || v.clientToken.length < 16) return undefined;
  return { addr: v.addr, pid: v.pid, clientToken: v.clientToken, store: String(v.store ?? ''), startedAt: String(v.startedAt ?? '') };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class EventsApiError extends Error {
  override name = 'EventsApiError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface Subscription {
  close(): void;
}

export interface SubscribeHandlers {
  onEvent(event: StoredEvent): void;
  /** 'open' when connected, 'retrying' after a failure (with the error), 'closed' after close(). */
  onStatus?(status: 'open' | 'retrying' | 'closed', error?: Error): void;
}

export class EventsClient {
  private readonly base: string;
  constructor(readonly info: ReceiverInfo) {
    this.base = `http://${info.addr}`;
  }

  /** A client for the running receiver, or undefined when none runs. */
  static async find(env: NodeJS.ProcessEnv = process.env): Promise<EventsClient | undefined> {
    const info = await findReceiver(env);
    return info ? new EventsClient(info) : undefined;
  }

  async listEvents(query: EventsQuery = {}, opts: RequestOptions = {}): Promise<EventsPage> {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') p.set(k, String(v));
    return this.getJson<EventsPage>(`/api/events?${p}`, opts);
  }

  /** Per-tag dates; with `registry` (host[:port]) only that registry's events count. */
  async tagDates(repository: string, opts: RequestOptions & { registry?: string } = {}): Promise<TagDatesResponse> {
    const p = new URLSearchParams({ repo: repository, ...(opts.registry ? { registry: opts.registry } : {}) });
    return this.getJson<TagDatesResponse>(`/api/tags?${p}`, opts);
  }

  async health(opts: RequestOptions = {}): Promise<HealthResponse> {
    return this.getJson<HealthResponse>('/api/health', opts);
  }

  /** Streams new events; reconnects (resuming after the last seen seq) until close(). */
  subscribe(handlers: SubscribeHandlers, opts: { retryMs?: number; lastSeq?: number } = {}): Subscription {
    const ctl = new AbortController();
    let lastId = opts.lastSeq !== undefined ? String(opts.lastSeq) : undefined;
    const retryMs = opts.retryMs ?? 1000;
    const loop = async () => {
      while (!ctl.signal.aborted) {
        try {
          const headers: Record<string, string> = { authorization: `Bearer ${this.info.clientToken}`, accept: 'text/event-stream' };
          if (lastId) headers['last-event-id'] = lastId;
          const res = await fetch(`${this.base}/api/stream`, { headers, signal: ctl.signal });
          if (!res.ok || !res.body) throw new EventsApiError(`the events receiver answered ${res.status} to the stream request`, res.status);
          handlers.onStatus?.('open');
          const parser = new SseParser((m) => {
            if (m.event !== STREAM_EVENT_NAME) return;
            if (m.id) lastId = m.id;
            try {
              handlers.onEvent(JSON.parse(m.data) as StoredEvent);
            } catch {
              /* a handler's error must not end the stream */
            }
          });
          const decoder = new TextDecoder();
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.push(decoder.decode(chunk, { stream: true }));
          throw new EventsApiError('the events receiver closed the stream');
        } catch (err) {
          if (ctl.signal.aborted) break;
          handlers.onStatus?.('retrying', err as Error);
          await new Promise<void>((r) => {
            const t = setTimeout(r, retryMs);
            ctl.signal.addEventListener(
              'abort',
              () => {
                clearTimeout(t);
                r();
              },
              { once: true },
            );
          });
        }
      }
      handlers.onStatus?.('closed');
    };
    void loop();
    return { close: () => ctl.abort() };
  }

  private async getJson<T>(path: string, opts: RequestOptions): Promise<T> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(this.base + path, { headers: { authorization: `Bearer ${this.info.clientToken}` }, signal });
    } catch (err) {
      if (timeout.aborted)
        throw new EventsApiError(`the events receiver at ${this.info.addr} did not answer within ${(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s`);
      if (opts.signal?.aborted) throw err;
      throw new EventsApiError(`cannot reach the events receiver at ${this.info.addr} (${(err as Error).message}); start it with \`dockhand listen\``);
    }
    const text = await readCapped(res);
    if (!res.ok) {
      let msg = text.slice(0, 500);
      try {
        msg = (JSON.parse(text) as { message?: string }).message ?? msg;
      } catch {
        /* plain text */
      }
      throw new EventsApiError(`the events receiver answered ${res.status}: ${msg}`, res.status);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new EventsApiError('the events receiver sent a response that is not JSON');
    }
  }
}

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_RESPONSE_BYTES) throw new EventsApiError(`the events receiver sent more than ${MAX_RESPONSE_BYTES} bytes`);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}
