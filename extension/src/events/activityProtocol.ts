// Messages between the Activity panel (host, activityPanel.ts) and its webview script
// (webview/activity.ts). Both sides import this file; every message is checked with a type
// guard before use. Plain data; imports types only.
import type { ActivityEvent } from '@dockhand/shared/activity';

export type ActivityRow = ActivityEvent;

export interface ReceiverView {
  state: 'stopped' | 'running';
  origin?: 'started' | 'attached';
  addr?: string;
  endpointUrl?: string;
  hasToken?: boolean;
  pid?: number;
  message?: string;
}

export interface ActivityFilterView {
  repository?: string;
  action?: string;
  since?: string;
  text?: string;
}

/** Host -> webview. */
export type ActivityHostMessage = { type: 'receiver'; receiver: ReceiverView } | { type: 'events'; rows: ActivityRow[] } | { type: 'error'; message: string };

/** Webview -> host. */
export type ActivityWebviewMessage =
  | { type: 'ready' }
  | { type: 'filter'; filter: ActivityFilterView }
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'copyToken' }
  | { type: 'addNotifications' };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optStr = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);

export function isActivityHostMessage(v: unknown): v is ActivityHostMessage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'receiver':
      return isObj(v.receiver) && (v.receiver.state === 'running' || v.receiver.state === 'stopped');
    case 'events':
      return (
        Array.isArray(v.rows) &&
        v.rows.every(
          (r) => isObj(r) && typeof r.id === 'string' && typeof r.action === 'string' && typeof r.repository === 'string' && typeof r.time === 'string',
        )
      );
    case 'error':
      return typeof v.message === 'string';
    default:
      return false;
  }
}

export function isActivityWebviewMessage(v: unknown): v is ActivityWebviewMessage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'start':
    case 'stop':
    case 'copyToken':
    case 'addNotifications':
      return true;
    case 'filter':
      return isObj(v.filter) && optStr(v.filter.repository, 300) && optStr(v.filter.action, 20) && optStr(v.filter.since, 60) && optStr(v.filter.text, 200);
    default:
      return false;
  }
}
