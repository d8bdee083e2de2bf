// Live registry events in the renderer: one long poll (events:next) runs for the app's life;
// the main process answers as soon as the receiver's stream brings an event. A push, delete or
// mount makes the views showing that repository reload (tag-events.ts), a new repository makes
// the repository list reload, and the Activity view re-reads its list. No timer polls a registry.
import type { ActivityEventInfo, DockhandApi, ReceiverInfo } from '../common';

const TARGET = new EventTarget();
const WAIT_MS = 25_000;

export interface LiveBatch {
  events: ActivityEventInfo[];
  receiver: ReceiverInfo;
}

/** Calls `fn` for every batch of live events (and receiver changes) while `owner` is in the document. */
export function onLiveEvents(owner: Element, fn: (batch: LiveBatch) => void): void {
  const listener = (ev: Event) => {
    if (!owner.isConnected) {
      TARGET.removeEventListener('batch', listener);
      return;
    }
    fn((ev as CustomEvent<LiveBatch>).detail);
  };
  TARGET.addEventListener('batch', listener);
}

/** Starts the long poll; `onBatch` gets each non-empty batch. Errors back off (2 s, then up to 30 s) and go on. */
export function startLiveEvents(api: DockhandApi, onBatch: (batch: LiveBatch) => void): void {
  let seq = 0;
  let state = '';
  let backoff = 0;
  const loop = async () => {
    for (;;) {
      try {
        const r = await api.events.next(seq, WAIT_MS);
        backoff = 0;
        seq = r.seq;
        const receiverState = `${r.receiver.state}|${r.receiver.addr ?? ''}`;
        if (r.events.length || receiverState !== state) {
          state = receiverState;
          const batch = { events: r.events, receiver: r.receiver };
          onBatch(batch);
          TARGET.dispatchEvent(new CustomEvent('batch', { detail: batch }));
        }
      } catch {
        backoff = Math.min(30_000, backoff ? backoff * 2 : 2000);
        await new Promise((r) => setTimeout(r, backoff));
      }
    }
  };
  void loop();
}
