// Public contract of Dockhand's engine layer (local images through the Docker Engine API,
// and daemonless push of archives). The extension, the desktop and the CLI use only this.
//
//   import { createEngineClient } from '@dockhand/shared/engine/engine-client';
//   import { pushArchive } from '@dockhand/shared/engine/archive-push';
//
//   const engine = await createEngineClient({ env: process.env });   // resolves the endpoint, see below
//   engine.endpoint          // { host: 'unix:///var/run/docker.sock', source: 'DOCKER_HOST' | 'context' | ... }
//   await engine.ping();     // throws EngineUnavailableError naming the socket and the fix
//   await engine.listImages();                 // LocalImage[]
//   await engine.inspectImage('busybox:1');    // ImageDetails (throws ImageNotFoundError)
//   await engine.pullImage('127.0.0.1:5000/app:1', { credentials, onProgress, signal });
//   const r = await engine.retagAndPush('app:dev', '127.0.0.1:5000/team/app:1.2',
//               { credentials, onProgress, signal, removeTempTag: true });
//   r.digest  // sha256:... as reported by the daemon (same as `docker push`)
//   await pushArchive('/tmp/app.tar' /* docker save tar, or an OCI layout folder */,
//               '127.0.0.1:5000/team/app:1.2', { credentials, onProgress, signal });
//
// Endpoint resolution (createEngineClient), in the docker CLI's order:
//   1. opts.host ("unix:///path", "tcp://h:2375", "npipe:////./pipe/x", "ssh://u@h" is refused)
//   2. opts.context (a Docker context name)
//   3. env.DOCKER_HOST
//   4. env.DOCKER_CONTEXT, else `currentContext` in $DOCKER_CONFIG/config.json (~/.docker);
//      a context's endpoint is in $DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json
//      (Endpoints.docker.Host); "default" means "no context"
//   5. the default socket /var/run/docker.sock if it exists, else a podman socket
//      ($XDG_RUNTIME_DIR/podman/podman.sock, then /run/podman/podman.sock)
// TLS for tcp:// comes from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH or the context's TLS material.
//
// Progress: every long operation reports EngineProgressEvent objects, in stream order.
// Cancellation: abort `signal`; the HTTP request to the daemon is destroyed and the
// promise rejects with OperationCancelledError. The daemon stops the push when the client
// goes away; the tag is only written to the registry by the final manifest PUT, so a
// cancelled push leaves no tag (blobs already uploaded stay, unreferenced, for GC).
//
// Temporary tag: retagAndPush tags the local image as destRef first (the Engine API pushes
// tags, not images). With removeTempTag it removes that tag afterwards (also after a failure
// or cancel), but only when this call created it and the image keeps another name (untagging
// an image's only name would delete the image).
//
// Digest: taken from the stream's aux {Tag,Digest,Size} message (docker), else from the
// "TAG: digest: sha256:... size: N" status line (podman sends only that); either way the last
// event is { kind: 'digest' }. Podman's compat API sends no per-layer progress.
//
// Daemonless push (archive-push.ts): docker-archive layers are gzipped while streaming to a
// temp file (media type ...rootfs.diff.tar.gzip, as `docker push` does; layerCompression
// 'none' pushes them as they are); OCI layouts are pushed byte for byte (an index with all
// its child manifests). Blobs go first, the tagged manifest last, through the registry client.
//
// Errors (all extend EngineError, message carries the fix):
//   EngineUnavailableError  engine not running / socket missing / permission denied (names the socket)
//   ImageNotFoundError      the local image does not exist
//   PushDeniedError         the registry refused the credentials (names the credential source used)
//   InsecureRegistryError   the registry speaks HTTP but the daemon expects HTTPS (how to mark it insecure)
//   StreamError             any other error reported inside a 200 progress stream
//   OperationCancelledError the signal was aborted
import type { CredentialProvider, CredentialSource } from '../credentials/types';

export type LayerState = 'waiting' | 'preparing' | 'pushing' | 'pulling' | 'downloading' | 'extracting' | 'pushed' | 'pulled' | 'exists' | 'mounted' | 'failed';

/** Progress of an engine push or pull (per layer, or a status line); registry operations report RegistryProgressEvent (registry/progress.ts). */
export type EngineProgressEvent =
  | { kind: 'layer'; id: string; state: LayerState; current?: number; total?: number }
  | { kind: 'status'; message: string }
  | { kind: 'digest'; digest: string; size?: number; tag?: string };

export type ProgressListener = (event: EngineProgressEvent) => void;

export interface EngineClientOptions {
  /** Environment to read DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, HOME, XDG_RUNTIME_DIR from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Explicit daemon address; wins over everything else. */
  host?: string;
  /** Explicit Docker context name. */
  context?: string;
  /** Request timeout for short calls (ms). Long operations have none (use signal). */
  timeoutMs?: number;
}

export type EndpointSource = 'option' | 'context' | 'DOCKER_HOST' | 'default-socket' | 'podman-socket';

export interface EngineEndpoint {
  /** "unix:///var/run/docker.sock" or "tcp://host:port" (normalized). */
  host: string;
  source: EndpointSource;
  /** Context name when source is 'context'. */
  context?: string;
  /** For unix sockets: the file path. */
  socketPath?: string;
  tls?: { ca?: string; cert?: string; key?: string; verify: boolean };
}

export interface LocalImage {
  /** "sha256:..." image (config) id. */
  id: string;
  repoTags: string[];
  /** "repo@sha256:..." as the engine reports them (set after a push or pull). */
  repoDigests: string[];
  /** Bytes. */
  size: number;
  /** ISO 8601. */
  created: string;
  labels: Record<string, string>;
}

export interface ImageDetails extends LocalImage {
  architecture?: string;
  os?: string;
  variant?: string;
  /** Diff ids of the layers (uncompressed sha256). */
  layers: string[];
  config: {
    cmd?: string[];
    entrypoint?: string[];
    env?: string[];
    workingDir?: string;
    exposedPorts?: string[];
    user?: string;
  };
}

export interface OperationOptions {
  credentials?: CredentialProvider;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface PushOptions extends OperationOptions {
  /** Remove DEST_REF's local tag after the push when it was created by this call. Default false. */
  removeTempTag?: boolean;
}

export interface PushResult {
  /** Manifest digest, "sha256:...". */
  digest: string;
  /** Manifest size in bytes (as reported). */
  size: number;
  /** The normalized destination reference pushed, e.g. "127.0.0.1:5000/team/app:1.2". */
  ref: string;
  /** Where the credential used came from (undefined: anonymous). */
  credentialSource?: CredentialSource;
  /** Whether the temporary local tag was removed. */
  tagRemoved?: boolean;
}

export interface PullResult {
  /** Manifest (or index) digest reported by the engine. */
  digest?: string;
  ref: string;
  credentialSource?: CredentialSource;
}

export interface EngineClient {
  readonly endpoint: EngineEndpoint;
  ping(signal?: AbortSignal): Promise<void>;
  listImages(opts?: { all?: boolean; signal?: AbortSignal }): Promise<LocalImage[]>;
  inspectImage(ref: string, signal?: AbortSignal): Promise<ImageDetails>;
  pullImage(ref: string, opts?: OperationOptions): Promise<PullResult>;
  /** Tag `localImage` as `destRef` (skipped when equal) and push it. */
  retagAndPush(localImage: string, destRef: string, opts?: PushOptions): Promise<PushResult>;
  /** Remove one local tag (not the image if other tags remain). */
  removeTag(ref: string): Promise<void>;
}

export interface PushArchiveOptions extends OperationOptions {
  /**
   * Docker-archive layers are uncompressed tars. 'gzip' (default) compresses each one while
   * streaming (media type ...diff.tar.gzip, like `docker push` does); 'none' pushes them as
   * they are (...diff.tar). OCI layout blobs are always pushed as they are.
   */
  layerCompression?: 'gzip' | 'none';
  /** PEM CA bundle file for a registry with a private CA. */
  caFile?: string;
  /** Allow plain HTTP / unverified TLS to the registry. */
  insecure?: boolean;
  /** Environment (for the registry client's proxy/CA settings). Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface PushArchiveResult {
  digest: string;
  size: number;
  ref: string;
  mediaType: string;
  credentialSource?: CredentialSource;
}
