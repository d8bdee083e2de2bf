// Registry notification events: the receiver (`dockhand listen`), its stores (SQLite, PostgreSQL),
// the client front ends use over loopback HTTP, and the notifications: config generator.
// Front ends (extension host, Electron) import only api-types, events-client, paths and
// notifications-config: those never load the native SQLite binding.
export * from './api-types';
export { EventsClient, EventsApiError, findReceiver, parseReceiverInfo, type Subscription, type SubscribeHandlers } from './events-client';
export { eventsDir, eventsFiles, receiverStateFile } from './paths';
