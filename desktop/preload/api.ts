// The ONE interface between Dockhand's desktop renderer and its main process.
//
// The renderer only ever sees `DockhandApi` (window.dockhand in Electron, exposed by
// preload.ts through contextBridge; an HTTP bridge in served mode, see http-bridge.ts).
// The main process implements the same interface (main/handlers/), and every method maps
// to one channel named `namespace:method` (e.g. "tags:list") on the allow-list below.
// Results and errors cross the boundary as an envelope `{ result } | { error }`; the
// client side rebuilds an Error (RemoteError) from it.
//
// Everything here is plain data (structured-clone and JSON safe) and this file imports
// nothing: it is compiled into main, preload and the browser bundle alike.

// ---------------------------------------------------------------- data types

import type { CleanupApi } from './cleanup-api';
export type * from './cleanup-api';
import type { FilesApi } from './files-api';
export type * from './files-api';
import type { AttachmentsApi } from './attachments-api';
export type * from './attachments-api';
import type { ImageToolsApi } from './image-tools-api';
export type * from './image-tools-api';
import type { ConfigToolsApi } from './config-tools-api';
export type * from './config-tools-api';

export type ThemeKind = 'light' | 'dark';

export interface AppInfo {
  /** 'electron' inside the desktop app, 'served' when the renderer is served to a browser. */
  mode: 'electron' | 'served';
  version: string;
  /** Whether a native file picker exists (config.pick). */
  canPickFiles: boolean;
  /** Default path offered by the config editor (may not exist). */
  defaultConfigPath?: string;
}

export interface RegistrySummary {
  id: string;
  /** Display name. */
  name: string;
  /** Base URL, e.g. "https://127.0.0.1:5443". */
  url: string;
  /** Host as in image references, e.g. "127.0.0.1:5443". */
  host: string;
  /** PEM CA bundle file for a private CA. */
  caFile?: string;
  /** Skip TLS verification (or allow plain HTTP on non-loopback hosts). */
  insecure?: boolean;
  /** Username of the credential in use, when one is known. */
  username?: string;
  /** mTLS client certificate file, when one was chosen (else certs.d is used). */
  clientCertFile?: string;
  /** Where the credential comes from (kind + human detail), or undefined: anonymous. */
  credentialSource?: CredentialSourceInfo;
  /** Not added by the user: found in an existing login (docker config.json, a credential helper, auth.json, the keychain). */
  discovered?: boolean;
  /** The sandbox registry started by Dockhand (`dockhand sandbox up`). */
  sandbox?: boolean;
}

/** Where a sign-in keeps the password: the OS keychain, memory (this session only), docker's credential helper, or docker's config.json in plain text. */
export type LoginStorage = 'keychain' | 'session' | 'docker' | 'docker-plaintext';

export interface StorageChoice {
  value: LoginStorage;
  /** Plain words for the choice. */
  label: string;
  /** One sentence: what it means, and any warning. */
  detail: string;
  available: boolean;
  /** The choice offered first. */
  recommended?: boolean;
}

export interface AddRegistryInput {
  url: string;
  name?: string;
  caFile?: string;
  insecure?: boolean;
  /** mTLS: PEM client certificate and key files (both or neither; neither: /etc/docker/certs.d/<host>/client.cert and client.key). */
  clientCertFile?: string;
  clientKeyFile?: string;
  /** Optional login in the same step; the password goes to the OS keychain, never to disk. */
  username?: string;
  password?: string;
  /** Where to keep the password (default: the OS keychain). */
  storeIn?: LoginStorage;
}

export interface LoginInput {
  registryId: string;
  username: string;
  password: string;
  /** Where to keep the password (default: the OS keychain). */
  storeIn?: LoginStorage;
}

export interface CredentialSourceInfo {
  kind: string;
  detail: string;
}

export interface CheckResult {
  ok: boolean;
  /** HTTP status of the /v2/ probe or undefined when unreachable. */
  status?: number;
  message: string;
}

export interface TagRow {
  tag: string;
  digest?: string;
  mediaType?: string;
  /** 'image' | 'index' | 'unknown' (artifact or unreadable). */
  kind: 'image' | 'index' | 'unknown';
  /** ISO 8601 creation time from the image config (first platform for an index). */
  created?: string;
  /** Compressed bytes: config + layers (sum over platforms for an index). */
  size?: number;
  /** "linux/amd64" ... for an index; one entry for an image when known. */
  platforms: string[];
  /** Error reading this tag's manifest, if any (the row still shows). */
  error?: string;
  /** Listed by name only so far: its details come from tags.details. */
  pending?: boolean;
}

export interface LayerInfo {
  digest: string;
  mediaType: string;
  size: number;
}

export interface HistoryEntry {
  created?: string;
  createdBy?: string;
  comment?: string;
  emptyLayer?: boolean;
}

export interface PlatformImage {
  platform: string;
  digest: string;
  mediaType: string;
  size: number;
  layers: LayerInfo[];
  configDigest?: string;
  created?: string;
  /** The image config's `config` object (Env, Cmd, Entrypoint, Labels, ...), as served. */
  config?: Record<string, unknown>;
  history: HistoryEntry[];
}

export interface ImageDetail {
  registryId: string;
  repository: string;
  reference: string;
  /** Digest of what `reference` resolves to (index digest for a multi-platform image). */
  digest: string;
  mediaType: string;
  kind: 'image' | 'index';
  /** Total compressed size (all platforms). */
  size: number;
  /** One entry per platform (one for a single-platform image). */
  platforms: PlatformImage[];
  /** Other tags of the same repository pointing at the same digest. */
  siblingTags: string[];
  /** e.g. "docker pull 127.0.0.1:5000/team/app:1.2". */
  pullCommand: string;
  /** Raw manifest (or index) JSON text. */
  rawManifest: string;
}

export interface DeletePlan {
  registryId: string;
  repository: string;
  tag: string;
  digest: string;
  /** Tags that would ALSO disappear if the manifest were deleted by digest. */
  siblingTags: string[];
  /** Whether the registry allows deletes (false: DELETE is disabled server-side), undefined: unknown. */
  deleteEnabled?: boolean;
}

export type DeleteMode =
  /** Remove only this tag, keep its siblings (safe untag). */
  | 'tag'
  /** Delete the manifest by digest: removes every tag pointing at it. */
  | 'manifest';

export interface DeleteResult {
  removedTags: string[];
  keptTags: string[];
  digest: string;
}

export interface LocalImageRow {
  id: string;
  repoTags: string[];
  size: number;
  created: string;
}

export interface EngineStatus {
  available: boolean;
  endpoint?: string;
  message?: string;
}

export interface RetagPushInput {
  /** Local image reference or id. */
  localRef: string;
  registryId: string;
  repository: string;
  tag: string;
}

export interface CopyInput {
  source: { registryId: string; repository: string; reference: string };
  target: { registryId: string; repository: string; tag: string };
}

/** A long operation running in the main process. */
export interface JobRef {
  jobId: string;
  title: string;
}

export type JobEvent =
  | { seq: number; kind: 'layer'; id: string; state: string; current?: number; total?: number }
  | { seq: number; kind: 'status'; message: string }
  | { seq: number; kind: 'digest'; digest: string };

export interface JobSnapshot {
  jobId: string;
  title: string;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** Events after `afterSeq`, in order. */
  events: JobEvent[];
  /** Highest seq so far. */
  lastSeq: number;
  result?: { digest?: string; ref?: string; message?: string };
  error?: ErrorInfo;
}

export interface CredentialRow {
  host: string;
  registryId?: string;
  username?: string;
  /** undefined: no credential found (anonymous). */
  source?: CredentialSourceInfo;
  /** Whether Dockhand's own keychain entry exists for this host. */
  inKeychain: boolean;
}

export type ConfigVersion = '2.8' | '3';
/** What the editor asks for: a version, or 'auto' (the default, as in the extension and the CLI): detected from the file. */
export type ConfigTarget = ConfigVersion | 'auto';

/** One text change of a quick fix: replace [from, to) (0-based offsets) with `insert`. */
export interface ConfigEditInfo {
  from: number;
  to: number;
  insert: string;
}

export interface ConfigDiagnosticInfo {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Rule id, e.g. "unknown-key". */
  code?: string;
  /** 0-based offsets into the text. */
  from: number;
  to: number;
  /** 1-based line and column of `from`. */
  line: number;
  column: number;
  /** The linter's quick fix, when it has one. */
  fix?: { title: string; edits: ConfigEditInfo[] };
}

export interface ConfigLintReport {
  diagnostics: ConfigDiagnosticInfo[];
  /** The version the text was checked against. */
  version: ConfigVersion;
  /** Why that one: 'target' (chosen), 'detected' (keys or a `# dockhand-target:` comment), 'default'. */
  versionSource: 'target' | 'detected' | 'default';
}

export interface ConfigFile {
  path: string;
  text: string;
}

export interface HoverDocInfo {
  /** Key path, e.g. "storage.filesystem.rootdirectory". */
  path: string;
  /** Markdown-ish plain text. */
  text: string;
  from: number;
  to: number;
}

export interface CompletionInfo {
  label: string;
  kind: 'key' | 'value';
  detail?: string;
  documentation?: string;
  /** Text to insert (keys come with ": "). */
  insertText: string;
}

export interface SaveResult {
  path: string;
  errors: number;
  warnings: number;
}

export interface ErrorInfo {
  name: string;
  message: string;
  /** Registry error code or errno-like code. */
  code?: string;
  status?: number;
  /** What the user can do about it. */
  hint?: string;
}

// ---------------------------------------------------------------- the interface

export interface DockhandApi {
  app: {
    info(): Promise<AppInfo>;
  };
  registries: {
    list(): Promise<RegistrySummary[]>;
    add(input: AddRegistryInput): Promise<RegistrySummary>;
    remove(registryId: string): Promise<void>;
    login(input: LoginInput): Promise<RegistrySummary>;
    logout(registryId: string): Promise<RegistrySummary>;
    check(registryId: string): Promise<CheckResult>;
    /** Where a password for this registry address can be kept on this machine. */
    storageOptions(url: string): Promise<StorageChoice[]>;
    /** Start (or find) the local sandbox registry with sample images and add it to the list. */
    startSandbox(): Promise<RegistrySummary>;
  };
  repositories: {
    /** Every repository (follows catalog paging past the 1000 cap). */
    list(registryId: string): Promise<string[]>;
  };
  tags: {
    list(registryId: string, repository: string): Promise<TagRow[]>;
    /** Details (digest, date, size, platforms) of up to 200 tags listed as pending. */
    details(registryId: string, repository: string, tags: string[]): Promise<TagRow[]>;
  };
  images: {
    detail(registryId: string, repository: string, reference: string): Promise<ImageDetail>;
    planDelete(registryId: string, repository: string, tag: string): Promise<DeletePlan>;
    delete(registryId: string, repository: string, tag: string, mode: DeleteMode): Promise<DeleteResult>;
    copy(input: CopyInput): Promise<JobRef>;
  };
  engine: {
    status(): Promise<EngineStatus>;
    images(): Promise<LocalImageRow[]>;
    retagAndPush(input: RetagPushInput): Promise<JobRef>;
  };
  jobs: {
    /** Events after `afterSeq`; waits up to `waitMs` for new ones (long poll). */
    poll(jobId: string, afterSeq: number, waitMs: number): Promise<JobSnapshot>;
    cancel(jobId: string): Promise<void>;
  };
  credentials: {
    list(): Promise<CredentialRow[]>;
  };
  cleanup: CleanupApi;
  files: FilesApi;
  attachments: AttachmentsApi;
  imagetools: ImageToolsApi;
  configtools: ConfigToolsApi;
  config: {
    /** Native file picker (Electron only); undefined when cancelled or unavailable. */
    pick(): Promise<string | undefined>;
    open(path: string): Promise<ConfigFile>;
    lint(text: string, version: ConfigVersion): Promise<ConfigDiagnosticInfo[]>;
    /** Diagnostics (with quick fixes) and the version they were checked against; 'auto' detects it like the extension. */
    lintReport(text: string, target: ConfigTarget): Promise<ConfigLintReport>;
    hover(text: string, offset: number, version: ConfigVersion): Promise<HoverDocInfo | null>;
    /** Keys allowed at the offset (from the schema), or enum values for a value. */
    complete(text: string, offset: number, version: ConfigVersion): Promise<CompletionInfo[]>;
    save(path: string, text: string, version: ConfigVersion): Promise<SaveResult>;
  };
}

export type Namespace = keyof DockhandApi;
export type Channel = { [N in Namespace]: `${N}:${keyof DockhandApi[N] & string}` }[Namespace];

/**
 * The allow-list. Its type forces every method of DockhandApi to be listed (and nothing
 * else), so adding a method without allowing its channel does not compile.
 */
const SHAPE: { [N in Namespace]: { [M in keyof DockhandApi[N]]: true } } = {
  app: { info: true },
  registries: { list: true, add: true, remove: true, login: true, logout: true, check: true, storageOptions: true, startSandbox: true },
  repositories: { list: true },
  tags: { list: true, details: true },
  images: { detail: true, planDelete: true, delete: true, copy: true },
  engine: { status: true, images: true, retagAndPush: true },
  jobs: { poll: true, cancel: true },
  credentials: { list: true },
  config: { pick: true, open: true, lint: true, lintReport: true, hover: true, complete: true, save: true },
  cleanup: { analyze: true, plan: true, apply: true },
  files: { open: true, list: true, read: true, diff: true },
  attachments: { list: true, open: true },
  imagetools: { rawConfig: true, pullToEngine: true },
  configtools: { migrate: true },
};

export const CHANNELS: readonly Channel[] = Object.freeze(
  Object.entries(SHAPE).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}:${m}` as Channel)),
);

const CHANNEL_SET = new Set<string>(CHANNELS);

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && CHANNEL_SET.has(value);
}

// ---------------------------------------------------------------- the envelope

export type Envelope<T = unknown> = { result: T; error?: undefined } | { error: ErrorInfo; result?: undefined };

/** An error raised in the main process, rebuilt on the renderer side. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly remoteName: string;
  readonly code?: string;
  readonly status?: number;
  readonly hint?: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.remoteName = info.name;
    this.code = info.code;
    this.status = info.status;
    this.hint = info.hint;
  }
}

export function isEnvelope(value: unknown): value is Envelope {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if ('error' in v && v.error !== undefined) {
    const e = v.error as Record<string, unknown> | null;
    return !!e && typeof e === 'object' && typeof e.message === 'string' && typeof e.name === 'string';
  }
  return 'result' in v;
}

export function unwrapEnvelope<T>(value: unknown): T {
  if (!isEnvelope(value)) throw new RemoteError({ name: 'ProtocolError', message: 'Malformed reply from the Dockhand main process.' });
  if (value.error) throw new RemoteError(value.error);
  return value.result as T;
}

/** Transport used by a client: send one call, get its envelope back. */
export type Invoke = (channel: Channel, args: unknown[]) => Promise<unknown>;

/** Build the namespaced DockhandApi object over a transport (preload: ipcRenderer.invoke; served mode: fetch). */
export function createApiClient(invoke: Invoke): DockhandApi {
  const api: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [ns, methods] of Object.entries(SHAPE)) {
    const target: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) {
      const channel = `${ns}:${method}` as Channel;
      target[method] = async (...args: unknown[]) => unwrapEnvelope(await invoke(channel, args));
    }
    api[ns] = Object.freeze(target);
  }
  return Object.freeze(api) as unknown as DockhandApi;
}
