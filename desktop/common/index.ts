// The ONE interface between Dockhand's desktop renderer and its main process (the IPC contract).
//
// The renderer only ever sees `DockhandApi` (window.dockhand in Electron, exposed by
// preload/preload.ts through contextBridge; an HTTP bridge in served mode, see
// renderer/http-bridge.ts). The main process implements the same interface (main/handlers/,
// composed in main/create-main-api.ts), and every method maps to one channel named
// `namespace:method` (e.g. "tags:list"). Results and errors cross the boundary as an envelope
// `{ result } | { error }` (errors.ts); the client side rebuilds an Error (RemoteError) from it.
//
// One file per namespace (app.ts, registries.ts, tags.ts, ...) holds its data types, its
// `XxxApi` interface and its `XXX_METHODS` table: each method's arguments, by name and kind
// (args.ts). The tables' keys ARE the channel allow-list, and main/channel-args.ts checks
// every argument against them before any handler runs.
//
// Everything in this folder is plain data (structured-clone and JSON safe) and imports nothing
// outside it: it is compiled into main, preload and the browser bundle alike (its own
// tsconfig project, referenced by desktop/ and desktop/renderer/).
//
// ---------------------------------------------------------------- adding an IPC method
// Say `tags.rename(registryId, repository, from, to)`:
//   1. common/tags.ts: add `rename(...)` to `TagsApi` (new data types beside it, plain data).
//   2. common/tags.ts: add `rename: [['registryId', arg.registryId], ..., ['to', arg.tag]]` to
//      `TAGS_METHODS`. Step 1 without step 2 does not compile (`satisfies MethodArgs<TagsApi>`
//      wants exactly one named `Arg` per parameter); with it, "tags:rename" is allowed and its
//      arguments are checked. A new kind of argument: add it to `Arg` (args.ts) and teach
//      main/channel-args.ts to check it.
//   3. main/handlers/tags.ts: implement it (the object is typed `DockhandApi['tags']`, so a
//      missing handler does not compile either).
//   4. Tests: a refused bad argument in desktop/test/channel-args.test.ts, the handler in
//      test/integration/desktop-handlers.test.ts, the screen in a test/e2e/desktop-*.test.ts.
// A new NAMESPACE: a new file here with `XxxApi` and `XXX_METHODS`, one line each in
// `DockhandApi` and `METHODS` below, `export type *` of the file, and a handler module in
// main/handlers/ wired into main/create-main-api.ts.

import type { MethodArgs, NamedArg } from './args';
import { APP_METHODS, type AppApi } from './app';
import { REGISTRIES_METHODS, type RegistriesApi } from './registries';
import { REPOSITORIES_METHODS, type RepositoriesApi } from './repositories';
import { TAGS_METHODS, type TagsApi } from './tags';
import { IMAGES_METHODS, type ImagesApi } from './images';
import { ENGINE_METHODS, type EngineApi } from './engine';
import { JOBS_METHODS, type JobsApi } from './jobs';
import { CREDENTIALS_METHODS, type CredentialsApi } from './credentials';
import { CONFIG_METHODS, type ConfigApi } from './config';
import { CLEANUP_METHODS, type CleanupApi } from './cleanup';
import { FILES_METHODS, type FilesApi } from './files';
import { ATTACHMENTS_METHODS, type AttachmentsApi } from './attachments';
import { unwrapEnvelope } from './errors';

export type * from './args';
export type * from './app';
export type * from './registries';
export type * from './repositories';
export type * from './tags';
export type * from './images';
export type * from './engine';
export type * from './jobs';
export type * from './credentials';
export type * from './config';
export type * from './cleanup';
export type * from './files';
export type * from './attachments';
export type * from './errors';
export { arg } from './args';
export { RemoteError, isEnvelope, unwrapEnvelope } from './errors';

// ---------------------------------------------------------------- the interface

export interface DockhandApi {
  app: AppApi;
  registries: RegistriesApi;
  repositories: RepositoriesApi;
  tags: TagsApi;
  images: ImagesApi;
  engine: EngineApi;
  jobs: JobsApi;
  credentials: CredentialsApi;
  cleanup: CleanupApi;
  files: FilesApi;
  attachments: AttachmentsApi;
  config: ConfigApi;
}

export type Namespace = keyof DockhandApi;
export type Channel = { [N in Namespace]: `${N}:${keyof DockhandApi[N] & string}` }[Namespace];

/**
 * Every method of every namespace with its arguments: the allow-list. Its type forces every
 * method of DockhandApi to be listed (and nothing else).
 */
export const METHODS: { readonly [N in Namespace]: MethodArgs<DockhandApi[N]> } = {
  app: APP_METHODS,
  registries: REGISTRIES_METHODS,
  repositories: REPOSITORIES_METHODS,
  tags: TAGS_METHODS,
  images: IMAGES_METHODS,
  engine: ENGINE_METHODS,
  jobs: JOBS_METHODS,
  credentials: CREDENTIALS_METHODS,
  config: CONFIG_METHODS,
  cleanup: CLEANUP_METHODS,
  files: FILES_METHODS,
  attachments: ATTACHMENTS_METHODS,
};

export const CHANNELS: readonly Channel[] = Object.freeze(
  Object.entries(METHODS).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}:${m}` as Channel)),
);

const CHANNEL_SET = new Set<string>(CHANNELS);

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && CHANNEL_SET.has(value);
}

/** The named arguments of `channel`, in order (what main/channel-args.ts checks). */
export function channelArgs(channel: Channel): readonly NamedArg[] {
  const [ns, method] = channel.split(':') as [Namespace, string];
  return (METHODS[ns] as unknown as Record<string, readonly NamedArg[]>)[method]!;
}

// ---------------------------------------------------------------- the client

/** Transport used by a client: send one call, get its envelope back. */
export type Invoke = (channel: Channel, args: unknown[]) => Promise<unknown>;

/** Build the namespaced DockhandApi object over a transport (preload: ipcRenderer.invoke; served mode: fetch). */
export function createApiClient(invoke: Invoke): DockhandApi {
  const api: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [ns, methods] of Object.entries(METHODS)) {
    const target: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) {
      const channel = `${ns}:${method}` as Channel;
      target[method] = async (...args: unknown[]) => unwrapEnvelope(await invoke(channel, args));
    }
    api[ns] = Object.freeze(target);
  }
  return Object.freeze(api) as unknown as DockhandApi;
}
