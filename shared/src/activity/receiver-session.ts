// One front end's link to the event receiver: start it (receiver-launch.ts) or attach to a
// running one (receiver.json), follow its live stream, hand new events to listeners in
// batches, and answer the Activity list and per-tag dates. Used by the extension host and the
// desktop main process alike; the receiver's own client (ReceiverLink) does the HTTP.
// Node only; no vscode, no electron, no SQLite (that stays in the receiver process).
import { launchReceiver, resolveCli, resolveNode, type LaunchedReceiver } from './receiver-launch';
import { matchesText, toActivityQuery, type ActivityEvent, type ActivityFilter, type ActivityQuery } from './activity-query';

export interface ReceiverStatus {
  state: 'stopped' | 'running';
  origin?: 'started' | 'attached';
  addr?: string;
  endpointUrl?: string;
  ingestToken?: string;
  pid?: number;
  store?: string;
  message?: string;
}

export interface TagUsage {
  tag: string;
  pushedAt?: string;
  lastPulled?: string;
}

/** What a running receiver looks like to a front end (built from receiver.json or a launch). */
export interface ReceiverEndpoint {
  addr: string;
  clientToken: string;
  ingestToken?: string;
  pid?: number;
  store?: string;
}

/** The receiver's HTTP API as the session needs it (bound to events-core's client in receiver-link.ts). */
export interface ReceiverLink {
  /** receiver.json of a live receiver, or undefined (none, stale, unreadable). */
  findRunning(env: NodeJS.ProcessEnv): Promise<ReceiverEndpoint | undefined>;
  /** Whether the receiver answers (with the client token). */
  alive(ep: ReceiverEndpoint, signal?: AbortSignal): Promise<boolean>;
  /** Up to q.limit events that pass every part of q, the free text included (filtered first, then limited). */
  events(ep: ReceiverEndpoint, q: ActivityQuery, signal?: AbortSignal): Promise<ActivityEvent[]>;
  /** Follows the live stream until the signal aborts; reconnects on its own; calls onEvent for each new event. */
  follow(ep: ReceiverEndpoint, onEvent: (ev: ActivityEvent) => void, signal: AbortSignal, onState?: (connected: boolean, error?: Error) => void): Promise<void>;
  tagUsage(ep: ReceiverEndpoint, repository: string, registry: string | undefined, signal?: AbortSignal): Promise<TagUsage[]>;
  /** Ask a receiver this front end did not start to stop. */
  shutdown(ep: ReceiverEndpoint): Promise<void>;
  /** The ingest token a receiver started here will use (kept in the receiver's folder, created on first use). */
  ingestToken(env: NodeJS.ProcessEnv): Promise<string>;
  /** The path the receiver ingests envelopes on ("/events"). */
  ingestPath: string;
}

export interface SessionOptions {
  link: ReceiverLink;
  env: NodeJS.ProcessEnv;
  /** Configured Node binary (setting) and CLI script, and where a checkout's CLI would be. */
  nodePath?: () => string | undefined;
  cliPath?: () => string | undefined;
  cliCandidates?: string[];
  log?: (line: string) => void;
  /** Events are handed to listeners at most this often (a burst becomes one refresh). */
  batchMs?: number;
}

export const DEFAULT_RECEIVER_ADDR = '127.0.0.1:5050';
const RING = 2000;

type Listener = (events: ActivityEvent[]) => void;

export class ReceiverSession {
  private ep?: ReceiverEndpoint;
  private origin?: 'started' | 'attached';
  private child?: LaunchedReceiver;
  private following?: AbortController;
  private lastMessage?: string;
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(s: ReceiverStatus) => void>();
  private pending: ActivityEvent[] = [];
  private flushTimer?: NodeJS.Timeout;
  private seq = 0;
  private readonly ring: Array<{ seq: number; ev: ActivityEvent }> = [];
  private readonly waiters = new Set<() => void>();
  private starting?: Promise<ReceiverStatus>;

  constructor(private readonly o: SessionOptions) {}

  status(): ReceiverStatus {
    if (!this.ep) return { state: 'stopped', ...(this.lastMessage ? { message: this.lastMessage } : {}) };
    const host = this.ep.addr.startsWith('0.0.0.0:') ? `127.0.0.1:${this.ep.addr.slice(8)}` : this.ep.addr;
    return {
      state: 'running',
      origin: this.origin,
      addr: this.ep.addr,
      endpointUrl: `http://${host}${this.o.link.ingestPath}`,
      ...(this.ep.ingestToken ? { ingestToken: this.ep.ingestToken } : {}),
      ...(this.ep.pid ? { pid: this.ep.pid } : {}),
      ...(this.ep.store ? { store: this.ep.store } : {}),
    };
  }

  /** Attach to a receiver already running (receiver.json); true when attached. */
  async attach(): Promise<boolean> {
    if (this.ep) return true;
    const found = await this.o.link.findRunning(this.o.env).catch(() => undefined);
    if (!found || this.ep) return !!this.ep;
    this.use(found, 'attached');
    return true;
  }

  /** Start `dockhand listen` (or attach to a running receiver); resolves once it is ready. */
  start(addr = DEFAULT_RECEIVER_ADDR, signal?: AbortSignal): Promise<ReceiverStatus> {
    this.starting ??= (async () => {
      try {
        if (this.ep || (await this.attach())) return this.status();
        const node = resolveNode(this.o.nodePath?.(), this.o.env);
        const cli = resolveCli(this.o.cliPath?.(), this.o.cliCandidates ?? [], this.o.env);
        // The token kept in the receiver's folder (created now if need be): `listen` reads the same file, so it never goes on a command line.
        const ingestToken = await this.o.link.ingestToken(this.o.env);
        this.o.log?.(`events: starting ${node} ${cli} listen --addr ${addr}`);
        const child = await launchReceiver({
          node,
          cli,
          addr,
          env: this.o.env,
          signal,
          ready: async (pid) => {
            const ep = await this.o.link.findRunning(this.o.env);
            return ep && ep.pid === pid ? { addr: ep.addr, clientToken: ep.clientToken } : undefined;
          },
        });
        const found = await this.o.link.findRunning(this.o.env);
        this.child = child;
        this.use({ addr: child.addr, clientToken: child.clientToken, ingestToken, pid: child.pid, store: found?.store }, 'started');
        void child.exited.then((r) => {
          if (this.child !== child) return;
          this.o.log?.(`events: the receiver exited (${r.signal ?? `code ${r.code}`})`);
          this.drop(`The receiver exited (${r.signal ?? `code ${r.code}`}).`);
        });
        return this.status();
      } catch (e) {
        this.lastMessage = (e as Error).message;
        throw e;
      } finally {
        this.starting = undefined;
      }
    })();
    return this.starting;
  }

  /** Stop the receiver: the child this session started, or (asked) one it attached to. */
  async stop(): Promise<ReceiverStatus> {
    const child = this.child;
    const ep = this.ep;
    const origin = this.origin;
    this.drop('Stopped.');
    if (child) await child.stop();
    else if (ep && origin === 'attached') await this.o.link.shutdown(ep);
    return this.status();
  }

  async list(filter: ActivityFilter, signal?: AbortSignal): Promise<ActivityEvent[]> {
    const ep = this.require();
    const q = toActivityQuery(filter);
    // The link filters by text before it limits (filter first, then limit, in both front ends).
    const rows = await this.o.link.events(ep, q, signal);
    return (q.text ? rows.filter((ev) => matchesText(ev, q.text)) : rows).slice(0, q.limit);
  }

  async tagUsage(repository: string, registry?: string, signal?: AbortSignal): Promise<TagUsage[] | undefined> {
    if (!this.ep && !(await this.attach())) return undefined;
    return this.o.link.tagUsage(this.require(), repository, registry, signal);
  }

  /** New events, in batches (a burst within batchMs is one call). */
  onEvents(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  onStatus(listener: (s: ReceiverStatus) => void): { dispose(): void } {
    this.statusListeners.add(listener);
    return { dispose: () => this.statusListeners.delete(listener) };
  }

  /** Long poll for the desktop: events after `afterSeq`, waiting up to waitMs for the first. */
  async next(afterSeq: number, waitMs: number): Promise<{ seq: number; events: ActivityEvent[]; status: ReceiverStatus }> {
    if (afterSeq > this.seq) afterSeq = 0; // a new main process: start over
    if (afterSeq === this.seq && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, waitMs);
        this.waiters.add(wake);
      });
    }
    const events = this.ring.filter((r) => r.seq > afterSeq).map((r) => r.ev);
    return { seq: this.seq, events, status: this.status() };
  }

  dispose(): void {
    this.following?.abort();
    clearTimeout(this.flushTimer);
    // A receiver this front end started stops with it; an attached one keeps running.
    void this.child?.stop();
    this.wakeAll();
  }

  private require(): ReceiverEndpoint {
    if (!this.ep) throw new Error('No event receiver is running. Start it first (Start receiver), or run `dockhand listen`.');
    return this.ep;
  }

  private use(ep: ReceiverEndpoint, origin: 'started' | 'attached'): void {
    this.ep = ep;
    this.origin = origin;
    this.lastMessage = undefined;
    const ctl = new AbortController();
    this.following = ctl;
    void this.o.link
      .follow(
        ep,
        (ev) => this.push(ev),
        ctl.signal,
        (connected, err) => {
          if (!connected && err) this.o.log?.(`events: stream: ${err.message}`);
        },
      )
      .catch((e: Error) => this.o.log?.(`events: stream ended: ${e.message}`));
    this.emitStatus();
  }

  private drop(message: string): void {
    this.following?.abort();
    this.following = undefined;
    this.ep = undefined;
    this.child = undefined;
    this.origin = undefined;
    this.lastMessage = message;
    this.emitStatus();
  }

  private push(ev: ActivityEvent): void {
    this.ring.push({ seq: ++this.seq, ev });
    if (this.ring.length > RING) this.ring.splice(0, this.ring.length - RING);
    this.pending.push(ev);
    this.flushTimer ??= setTimeout(() => this.flush(), this.o.batchMs ?? 150);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.wakeAll();
    for (const l of this.listeners) {
      try {
        l(batch);
      } catch (e) {
        this.o.log?.(`events: listener failed: ${(e as Error).message}`);
      }
    }
  }

  private wakeAll(): void {
    for (const w of [...this.waiters]) w();
  }

  private emitStatus(): void {
    const s = this.status();
    this.wakeAll();
    for (const l of this.statusListeners) l(s);
  }
}
