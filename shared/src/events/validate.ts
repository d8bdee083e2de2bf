// Validates the registry's notification envelope ({"events": [...]}) event by event: good events are
// flattened into NewEvent, bad ones are reported with the reason (never stored).
import { EVENT_ACTIONS, type EventAction, type StoredEvent } from './api-types';

export type NewEvent = Omit<StoredEvent, 'seq' | 'receivedAt'>;
export interface Rejected {
  index: number;
  id?: string;
  reason: string;
}
export interface ParsedEnvelope {
  good: NewEvent[];
  rejected: Rejected[];
}

export const MAX_EVENTS_PER_ENVELOPE = 10_000;
const MAX_TEXT = 2048;
// The registry's repository name grammar (lower-case path components separated by / ).
const REPO_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

/** Throws EnvelopeError when the body is not an envelope at all; otherwise sorts its events. */
export function parseEnvelope(body: unknown): ParsedEnvelope {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new EnvelopeError('the body is not a notification envelope: expected a JSON object {"events": [...]}');
  const events = (body as { events?: unknown }).events;
  if (events === undefined || events === null) return { good: [], rejected: [] };
  if (!Array.isArray(events)) throw new EnvelopeError('"events" must be an array');
  if (events.length > MAX_EVENTS_PER_ENVELOPE)
    throw new EnvelopeError(`the envelope holds ${events.length} events; at most ${MAX_EVENTS_PER_ENVELOPE} are accepted at once`);
  const good: NewEvent[] = [];
  const rejected: Rejected[] = [];
  const seen = new Set<string>();
  events.forEach((raw, index) => {
    const r = validateEvent(raw);
    if (typeof r === 'string') {
      const id =
        raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? String((raw as { id: string }).id).slice(0, 200) : undefined;
      rejected.push({ index, id, reason: r });
    } else if (!seen.has(r.id)) {
      seen.add(r.id);
      good.push(r);
    }
  });
  return { good, rejected };
}

function str(v: unknown, what: string, max = MAX_TEXT): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new EnvelopeError(`${what} must be a string`);
  if (v.length > max) throw new EnvelopeError(`${what} is longer than ${max} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) throw new EnvelopeError(`${what} contains control characters`);
  return v;
}

function obj(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new EnvelopeError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

/** A NewEvent, or the reason it is rejected. */
export function validateEvent(raw: unknown): NewEvent | string {
  try {
    const e = obj(raw, 'the event');
    const id = str(e.id, 'id', 256);
    if (!id) return 'id is missing';
    const action = str(e.action, 'action', 16);
    if (!action || !EVENT_ACTIONS.includes(action as EventAction)) return `action ${JSON.stringify(action ?? '')} is not one of ${EVENT_ACTIONS.join(', ')}`;
    const ts = str(e.timestamp, 'timestamp', 64);
    if (!ts) return 'timestamp is missing';
    const t = Date.parse(ts);
    if (!/^\d{4}-\d\d-\d\dT/.test(ts) || Number.isNaN(t)) return `timestamp ${JSON.stringify(ts)} is not an RFC 3339 date`;
    const target = obj(e.target, 'target');
    const repository = str(target.repository, 'target.repository', 255);
    if (!repository) return 'target.repository is missing';
    if (!REPO_RE.test(repository)) return `target.repository ${JSON.stringify(repository)} is not a valid repository name`;
    const tag = str(target.tag, 'target.tag', 128);
    if (tag && !TAG_RE.test(tag)) return `target.tag ${JSON.stringify(tag)} is not a valid tag`;
    const digest = str(target.digest, 'target.digest', 256);
    if (digest && !DIGEST_RE.test(digest)) return `target.digest ${JSON.stringify(digest)} is not a valid digest`;
    const fromRepository = str(target.fromRepository, 'target.fromRepository', 255);
    if (fromRepository && !REPO_RE.test(fromRepository)) return `target.fromRepository ${JSON.stringify(fromRepository)} is not a valid repository name`;
    if (action !== 'delete' && !digest && !tag) return `a ${action} event needs target.digest or target.tag`;
    let size: number | undefined;
    const rawSize = target.size ?? target.length;
    if (rawSize !== undefined && rawSize !== null) {
      if (typeof rawSize !== 'number' || !Number.isSafeInteger(rawSize) || rawSize < 0) return 'target.size must be a non-negative integer';
      size = rawSize;
    }
    const request = obj(e.request, 'request');
    const actor = obj(e.actor, 'actor');
    const source = obj(e.source, 'source');
    const ev: NewEvent = {
      id,
      timestamp: new Date(t).toISOString(),
      action: action as EventAction,
      repository,
      tag,
      digest,
      mediaType: str(target.mediaType, 'target.mediaType', 255),
      size,
      fromRepository,
      url: str(target.url, 'target.url'),
      actor: str(actor.name, 'actor.name', 255),
      requestAddr: str(request.addr, 'request.addr', 255),
      requestHost: str(request.host, 'request.host', 255),
      requestMethod: str(request.method, 'request.method', 16),
      userAgent: str(request.useragent, 'request.useragent'),
      requestId: str(request.id, 'request.id', 255),
      sourceAddr: str(source.addr, 'source.addr', 255),
      sourceInstanceId: str(source.instanceID, 'source.instanceID', 255),
    };
    for (const k of Object.keys(ev) as (keyof NewEvent)[]) if (ev[k] === undefined) delete ev[k];
    return ev;
  } catch (err) {
    if (err instanceof EnvelopeError) return err.message;
    throw err;
  }
}
