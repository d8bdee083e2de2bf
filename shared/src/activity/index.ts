// Front door of the registry-events front-end helpers: the Activity filter and query, starting or
// attaching to a `dockhand listen` receiver, and following its stream (the extension and the desktop).
export * from './activity-query';
export * from './receiver-launch';
export * from './receiver-link';
export * from './receiver-session';
