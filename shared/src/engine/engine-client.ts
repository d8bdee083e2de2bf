// createEngineClient: the Docker Engine API client (dockerode) behind EngineClient.
// See types.ts for the public contract and the endpoint resolution order.
import { readFileSync } from 'node:fs';
import Docker from 'dockerode';
import type { CredentialSource } from '../credentials/types';
import { resolveEndpoint } from './endpoint';
import { EngineError, ImageNotFoundError, OperationCancelledError } from './errors';
import { classifyConnectionError, classifyStreamFailure, type FailureContext } from './failure-messages';
import { engineRef, parseDockerImageName, type DockerImageName } from './image-name';
import { digestFromStatus, readProgressStream, StreamFailure } from './progress-stream';
import { registryAuthFor } from './registry-auth';
import type {
  EngineClient,
  EngineClientOptions,
  EngineEndpoint,
  ImageDetails,
  LocalImage,
  OperationOptions,
  EngineProgressEvent,
  PullResult,
  PushOptions,
  PushResult,
} from './types';

interface DialOptions {
  path: string;
  method: 'GET' | 'POST' | 'DELETE';
  options?: Record<string, unknown>;
  authconfig?: { key: string };
  abortSignal?: AbortSignal;
  isStream?: boolean;
  statusCodes: Record<number, true | string>;
}

interface Modem {
  dial(opts: DialOptions, cb: (err: (Error & { statusCode?: number; json?: unknown }) | null, data: unknown) => void): void;
}

export function dockerOptions(endpoint: EngineEndpoint, timeoutMs?: number): Docker.DockerOptions {
  const base: Docker.DockerOptions = timeoutMs ? { timeout: timeoutMs } : {};
  if (endpoint.socketPath) return { ...base, socketPath: endpoint.socketPath };
  const url = new URL(endpoint.host.replace(/^tcp:/, 'http:'));
  const opts: Docker.DockerOptions = { ...base, host: url.hostname, port: Number(url.port), protocol: endpoint.tls ? 'https' : 'http' };
  if (endpoint.tls) {
    if (endpoint.tls.ca) opts.ca = readFileSync(endpoint.tls.ca);
    if (endpoint.tls.cert) opts.cert = readFileSync(endpoint.tls.cert);
    if (endpoint.tls.key) opts.key = readFileSync(endpoint.tls.key);
  }
  return opts;
}

function engineMessage(err: unknown): string {
  const e = err as { json?: unknown; message?: string };
  const json = e?.json as { message?: unknown } | undefined;
  if (json && typeof json.message === 'string') return json.message;
  return String(e?.message ?? err)
    .replace(/^\(HTTP code \d+\) [^-]*- /, '')
    .trim();
}

function toLocalImage(raw: Docker.ImageInfo): LocalImage {
  const tags = (raw.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  const digests = (raw.RepoDigests ?? []).filter((d) => d !== '<none>@<none>');
  return {
    id: raw.Id,
    repoTags: tags,
    repoDigests: digests,
    size: Number(raw.Size ?? 0),
    created: new Date(Number(raw.Created) * 1000).toISOString(),
    labels: { ...(raw.Labels ?? {}) },
  };
}

function toImageDetails(raw: Docker.ImageInspectInfo): ImageDetails {
  const cfg = (raw.Config ?? {}) as Partial<Docker.ImageInspectInfo['Config']>;
  const asList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : undefined);
  return {
    id: raw.Id,
    repoTags: raw.RepoTags ?? [],
    repoDigests: raw.RepoDigests ?? [],
    size: Number(raw.Size ?? 0),
    created: new Date(raw.Created).toISOString(),
    labels: { ...((cfg.Labels as Record<string, string> | null | undefined) ?? {}) },
    architecture: raw.Architecture || undefined,
    os: raw.Os || undefined,
    variant: (raw as { Variant?: string }).Variant || undefined,
    layers: raw.RootFS?.Layers ?? [],
    config: {
      cmd: asList(cfg.Cmd),
      entrypoint: asList(cfg.Entrypoint),
      env: asList(cfg.Env),
      workingDir: cfg.WorkingDir || undefined,
      exposedPorts: cfg.ExposedPorts ? Object.keys(cfg.ExposedPorts) : undefined,
      user: cfg.User || undefined,
    },
  };
}

class DockerodeEngineClient implements EngineClient {
  private readonly docker: Docker;
  private readonly modem: Modem;

  constructor(
    readonly endpoint: EngineEndpoint,
    timeoutMs?: number,
  ) {
    this.docker = new Docker(dockerOptions(endpoint, timeoutMs));
    this.modem = (this.docker as unknown as { modem: Modem }).modem;
  }

  /** Rethrow an engine call's failure as a Dockhand error. */
  private fail(err: unknown, signal: AbortSignal | undefined, ctx?: { ref: string; notFound?: 'image' }): never {
    if (signal?.aborted) throw new OperationCancelledError();
    if (err instanceof EngineError) throw err;
    const conn = classifyConnectionError(err, this.endpoint);
    if (conn) throw conn;
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 404 && ctx?.notFound === 'image') throw new ImageNotFoundError(ctx.ref);
    const msg = engineMessage(err);
    throw new EngineError(`${ctx ? `${ctx.ref}: ` : ''}${msg}${status ? ` (engine HTTP ${status}, ${this.endpoint.host})` : ''}`);
  }

  private dial<T>(opts: DialOptions): Promise<T> {
    return new Promise((resolve, reject) => {
      this.modem.dial(opts, (err, data) => (err ? reject(err) : resolve(data as T)));
    });
  }

  private kind?: Promise<'docker' | 'podman'>;

  /** Docker or podman (from GET /version); used to word advice. */
  engineKind(): Promise<'docker' | 'podman'> {
    this.kind ??= this.dial<{ Components?: { Name?: string }[] }>({ path: '/version', method: 'GET', statusCodes: { 200: true, 500: 'server error' } })
      .then((v) => ((v.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) ? ('podman' as const) : ('docker' as const)))
      .catch(() => 'docker' as const);
    return this.kind;
  }

  async ping(signal?: AbortSignal): Promise<void> {
    try {
      await this.dial({ path: '/_ping', method: 'GET', abortSignal: signal, statusCodes: { 200: true, 500: 'server error' } });
    } catch (err) {
      this.fail(err, signal);
    }
  }

  async listImages(opts: { all?: boolean; signal?: AbortSignal } = {}): Promise<LocalImage[]> {
    try {
      const raw = await this.docker.listImages({ all: opts.all ?? false, abortSignal: opts.signal } as Docker.ListImagesOptions);
      return raw.map(toLocalImage);
    } catch (err) {
      this.fail(err, opts.signal);
    }
  }

  async inspectImage(ref: string, signal?: AbortSignal): Promise<ImageDetails> {
    try {
      const raw = await this.dial<Docker.ImageInspectInfo>({
        path: `/images/${ref}/json`,
        method: 'GET',
        abortSignal: signal,
        statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
      });
      return toImageDetails(raw);
    } catch (err) {
      this.fail(err, signal, { ref, notFound: 'image' });
    }
  }

  async removeTag(ref: string): Promise<void> {
    try {
      await this.docker.getImage(ref).remove({ noprune: true });
    } catch (err) {
      this.fail(err, undefined, { ref, notFound: 'image' });
    }
  }

  /** Run one streaming call (pull or push) to its end; returns every event. */
  private async stream(dial: DialOptions, ctx: FailureContext, opts: OperationOptions): Promise<EngineProgressEvent[]> {
    const signal = opts.signal;
    if (signal?.aborted) throw new OperationCancelledError();
    let body: NodeJS.ReadableStream & { destroy?: (e?: Error) => void };
    try {
      body = await this.dial(dial);
    } catch (err) {
      if (signal?.aborted) throw new OperationCancelledError();
      const conn = classifyConnectionError(err, this.endpoint);
      if (conn) throw conn;
      throw classifyStreamFailure(engineMessage(err), ctx);
    }
    const onAbort = () => body.destroy?.(new OperationCancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await readProgressStream(body, (e) => opts.onProgress?.(e));
    } catch (err) {
      if (signal?.aborted) throw new OperationCancelledError(`${ctx.operation} of ${ctx.ref} cancelled`);
      if (err instanceof StreamFailure) throw classifyStreamFailure(err.message, { ...ctx, engine: await this.engineKind() });
      throw this.fail(err, signal, { ref: ctx.ref });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async pullImage(ref: string, opts: OperationOptions = {}): Promise<PullResult> {
    const name = parseDockerImageName(ref);
    const auth = await registryAuthFor(name.registry, opts.credentials, name.repository);
    const full = engineRef(name);
    const events = await this.stream(
      {
        path: '/images/create?',
        method: 'POST',
        options: { fromImage: name.repository, tag: name.digest ?? name.tag ?? 'latest' },
        authconfig: { key: auth.value },
        abortSignal: opts.signal,
        isStream: true,
        statusCodes: { 200: true, 404: 'not found', 500: 'server error' },
      },
      { operation: 'pull', registry: name.registry, ref: full, credentialSource: auth.credential?.source },
      opts,
    );
    return { ref: full, digest: findDigest(events)?.digest, credentialSource: auth.credential?.source };
  }

  async retagAndPush(localImage: string, destRef: string, opts: PushOptions = {}): Promise<PushResult> {
    const dest: DockerImageName = parseDockerImageName(destRef);
    if (dest.digest) throw new EngineError(`cannot push to "${destRef}": give a tag, not a digest (the registry computes the digest)`);
    const tag = dest.tag ?? 'latest';
    const target = engineRef(dest);
    const source = await this.inspectImage(localImage, opts.signal);
    let existing: ImageDetails | undefined;
    try {
      existing = await this.inspectImage(target, opts.signal);
    } catch (err) {
      if (!(err instanceof ImageNotFoundError)) throw err;
    }
    const alreadyTagged = existing?.id === source.id;
    if (!alreadyTagged) {
      try {
        await this.docker.getImage(source.id).tag({ repo: dest.repository, tag });
      } catch (err) {
        this.fail(err, opts.signal, { ref: localImage, notFound: 'image' });
      }
      opts.onProgress?.({ kind: 'status', message: `Tagged ${localImage} as ${target}` });
    }
    const created = !existing; // a tag we created (not one that moved from another image)
    let credentialSource: CredentialSource | undefined;
    try {
      const auth = await registryAuthFor(dest.registry, opts.credentials, dest.repository);
      credentialSource = auth.credential?.source;
      const events = await this.stream(
        {
          path: `/images/${dest.repository}/push?`,
          method: 'POST',
          options: { tag },
          authconfig: { key: auth.value },
          abortSignal: opts.signal,
          isStream: true,
          statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
        },
        { operation: 'push', registry: dest.registry, ref: target, credentialSource },
        opts,
      );
      const found = findDigest(events);
      if (!found) throw new EngineError(`push of ${target} finished without reporting a digest; check the registry (${dest.registry})`);
      // podman reports the digest only in a status line: give every consumer the same final event
      if (!events.some((e) => e.kind === 'digest')) opts.onProgress?.({ kind: 'digest', digest: found.digest, size: found.size, tag });
      const result: PushResult = { digest: found.digest, size: found.size ?? 0, ref: target, credentialSource };
      if (opts.removeTempTag && created) result.tagRemoved = await this.removeTempTag(target, source.id, opts);
      return result;
    } catch (err) {
      if (opts.removeTempTag && created) await this.removeTempTag(target, source.id, opts).catch(() => false);
      throw err;
    }
  }

  /** Remove a tag this call created, unless it is the image's only name (that would delete the image). */
  private async removeTempTag(target: string, imageId: string, opts: PushOptions): Promise<boolean> {
    const now = await this.inspectImage(imageId);
    const others = now.repoTags.filter((t) => t !== target && !t.endsWith(`/${target}`));
    if (others.length === 0) {
      opts.onProgress?.({ kind: 'status', message: `Kept ${target}: it is the image's only tag` });
      return false;
    }
    await this.removeTag(target);
    opts.onProgress?.({ kind: 'status', message: `Removed temporary tag ${target}` });
    return true;
  }
}

function findDigest(events: EngineProgressEvent[]): { digest: string; size?: number } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === 'digest') return { digest: e.digest, size: e.size };
  }
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === 'status') {
      const d = digestFromStatus(e.message);
      if (d) return d;
    }
  }
  return undefined;
}

export async function createEngineClient(opts: EngineClientOptions = {}): Promise<EngineClient> {
  const endpoint = resolveEndpoint(opts);
  return new DockerodeEngineClient(endpoint, opts.timeoutMs);
}
