// Binds ReceiverSession to the receiver's own client (shared/src/events, events-core).
// Placeholder until that contract is merged: every call says so.
import type { ReceiverLink } from './receiver-session';

const missing = (): never => { throw new Error('The event receiver client is not part of this build yet.'); };

export const receiverLink: ReceiverLink = {
  ingestPath: '/events',
  findRunning: async () => undefined,
  alive: async () => false,
  events: async () => missing(),
  follow: async () => missing(),
  tagUsage: async () => missing(),
  shutdown: async () => missing(),
};

export function notificationsBlock(_o: { url: string; token: string; pulls: boolean }): string {
  return missing();
}
