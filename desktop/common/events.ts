// The events namespace of DockhandApi (see index.ts): the registry event receiver
// (`dockhand listen`, started as a child process or attached through receiver.json), the
// Activity list, live changes (a long poll: the renderer waits for the next events, the main
// process answers as soon as one arrives), and per-tag pushed-at / last-pulled dates.
// Plain data only (compiled into main, preload and the browser).
import type { ActivityEvent, ReceiverStatus } from '@dockhand/shared/activity';
import { arg, type MethodArgs } from './args';

/** The event receiver's state: shared's ReceiverStatus (activity/receiver-session.ts). */
export type ReceiverInfo = ReceiverStatus;

/** One registry event as the Activity views show it: shared's ActivityEvent (activity/activity-query.ts). */
export type ActivityEventInfo = ActivityEvent;

export interface ActivityFilterInput {
  repository?: string;
  action?: string;
  /** "15m", "2h", "7d", "2w" or a date. */
  since?: string;
  text?: string;
  limit?: number;
}

export interface LiveEventsBatch {
  /** Pass as afterSeq to the next call. */
  seq: number;
  /** Events that arrived after afterSeq (newest last); empty when the wait ran out. */
  events: ActivityEventInfo[];
  receiver: ReceiverInfo;
}

export interface TagUsageInfo {
  tag: string;
  /** Time of the push event, else undefined (the tag list falls back to the image's created date). */
  pushedAt?: string;
  lastPulled?: string;
}

export interface EventsApi {
  status(): Promise<ReceiverInfo>;
  /** Start `dockhand listen` on addr (default 127.0.0.1:5050), or attach to a running one. */
  start(addr?: string): Promise<ReceiverInfo>;
  stop(): Promise<ReceiverInfo>;
  list(filter: ActivityFilterInput): Promise<ActivityEventInfo[]>;
  /** Long poll: events after `afterSeq`, waiting up to `waitMs` for the first one. */
  next(afterSeq: number, waitMs: number): Promise<LiveEventsBatch>;
  /** Pushed-at and last-pulled per tag; null when no receiver is running. */
  tagUsage(registryId: string, repository: string): Promise<TagUsageInfo[] | null>;
  /** The `notifications:` block for the running receiver (YAML text to paste into config.yml). */
  configBlock(pulls: boolean): Promise<string>;
}

export const EVENTS_METHODS = {
  status: [],
  start: [['addr', arg.text(300, { optional: true })]],
  stop: [],
  list: [
    [
      'filter',
      arg.object({
        repository: arg.optional(arg.text(300)),
        action: arg.optional(arg.text(20)),
        since: arg.optional(arg.text(60)),
        text: arg.optional(arg.text(200)),
        limit: arg.optional(arg.int(1, 5000)),
      }),
    ],
  ],
  next: [
    ['afterSeq', arg.int(0, Number.MAX_SAFE_INTEGER)],
    ['waitMs', arg.int(0, 60_000)],
  ],
  tagUsage: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
  ],
  configBlock: [['pulls', arg.bool()]],
} as const satisfies MethodArgs<EventsApi>;
