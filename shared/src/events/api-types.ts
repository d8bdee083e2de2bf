// The contract between the events receiver (`dockhand listen`) and its clients (the CLI, the
// extension, the desktop). Plain data types only: no Node, no SQLite, no vscode/electron.
//
// HTTP API of the receiver (loopback only):
//   POST /events              the registry's notification envelopes (EVENTS_MEDIA_TYPE), guarded by the
//                             ingest token (Authorization: Bearer T, or the header INGEST_TOKEN_HEADER: T)
//   GET  /api/events?repo=&since=&until=&action=&text=&limit=&before=   -> EventsPage (newest first; text filters before the limit)
//   GET  /api/stream          Server-Sent Events: `event: registry-event`, `id: <seq>`, data = StoredEvent JSON;
//                             `Last-Event-ID` resumes after that seq (the receiver replays what it stored since)
//   GET  /api/tags?repo=R[&registry=HOST]  -> TagDatesResponse (pulls by Dockhand's own user agent do not count)
//   GET  /api/health          -> HealthResponse
//   Every /api/ request needs `Authorization: Bearer <clientToken>` (ReceiverInfo.clientToken).

export const EVENTS_MEDIA_TYPE = 'application/vnd.docker.distribution.events.v1+json';
export const INGEST_TOKEN_HEADER = 'X-Dockhand-Token';
export const STREAM_EVENT_NAME = 'registry-event';

export type EventAction = 'push' | 'pull' | 'mount' | 'delete';
export const EVENT_ACTIONS: readonly EventAction[] = ['push', 'pull', 'mount', 'delete'];

/** One registry event as stored and served (flattened from the registry's envelope). */
export interface StoredEvent {
  /** The receiver's store sequence number (increasing in insertion order within one store). */
  seq: number;
  /** The registry's event id (unique: duplicates are dropped). */
  id: string;
  /** Event time from the registry, ISO 8601 (UTC, milliseconds). */
  timestamp: string;
  /** When the receiver stored it, ISO 8601. */
  receivedAt: string;
  action: EventAction;
  repository: string;
  tag?: string;
  digest?: string;
  mediaType?: string;
  size?: number;
  /** For mounts: the repository the blob came from. */
  fromRepository?: string;
  url?: string;
  /** The authenticated user, if any. */
  actor?: string;
  /** The client's address as the registry saw it. */
  requestAddr?: string;
  requestHost?: string;
  requestMethod?: string;
  userAgent?: string;
  requestId?: string;
  /** The registry instance that sent the event. */
  sourceAddr?: string;
  sourceInstanceId?: string;
}

/** True when the event concerns a manifest (an image or index), not a layer blob. */
export function isManifestEvent(e: Pick<StoredEvent, 'mediaType' | 'tag' | 'action'>): boolean {
  if (e.tag) return true;
  const mt = e.mediaType ?? '';
  if (!mt) return e.action === 'delete';
  return /manifest|index/.test(mt);
}

export interface EventsQuery {
  repo?: string;
  /** ISO date or a duration like `24h`, `7d` (the CLI resolves durations; the API takes ISO). */
  since?: string;
  until?: string;
  action?: EventAction;
  /** 1..1000, default 200. */
  limit?: number;
  /** Only events with seq below this (paging backwards). */
  before?: number;
  /** Include layer-blob events (default false: manifests, tags and deletes only). */
  blobs?: boolean;
  /** Free text (case-insensitive, up to 200 characters) in tag, digest, actor, address, user agent, repository or registry; applied before the limit. */
  text?: string;
}

export interface EventsPage {
  events: StoredEvent[];
  /** Pass as `before` to get the next (older) page; absent at the end. */
  nextBefore?: number;
}

export interface TagDates {
  tag: string;
  /** Digest from the newest push of this tag seen by the receiver. */
  digest?: string;
  /** Time of the newest push event of this tag (unknown if the receiver never saw one). */
  pushedAt?: string;
  /** Time of the newest pull of this tag or of its digest (unknown if never seen). */
  lastPulled?: string;
}

export interface TagDatesResponse {
  repository: string;
  tags: TagDates[];
  /** The oldest event the store still holds (dates before it are unknown). */
  knownSince?: string;
}

export interface HealthResponse {
  ok: true;
  store: string;
  pid: number;
  events: number;
}

/** Written by the receiver to receiverStateFile() while it runs (mode 600). */
export interface ReceiverInfo {
  /** host:port of the HTTP server (loopback). */
  addr: string;
  pid: number;
  /** Bearer token for /api/ (random per start). */
  clientToken: string;
  /** The store, secrets removed (`sqlite:/path` or `postgres://host/db`). */
  store: string;
  startedAt: string;
}

/** The receiver's answer to POST /events. */
export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id?: string; reason: string }[];
  message?: string;
}
