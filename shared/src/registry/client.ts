// RegistryClient: the registry HTTP API for one registry host. Everything the CLI, the VS
// Code extension, the desktop and the engine-push code do to a registry goes through it.
//
//   const client = new RegistryClient({ host: '127.0.0.1:5000', credentials, caFile, insecure });
//   await client.ping({ signal });
//   for await (const page of client.catalogPages({ pageSize: 1000, signal })) ...   // Link paging, streamed
//   const tags = await client.listTags('team/app', { signal });                   // [] when none (never null)
//   const m = await client.getManifest('team/app', 'v1');     // { manifest, mediaType, digest, raw, size }, digest verified
//   const h = await client.headManifest('team/app', 'v1');    // { digest, mediaType, size } | undefined (404)
//   const cfg = await client.getConfig('team/app', m.manifest.config);  // { raw, summary: ConfigSummary }
//   const info = await client.inspect('team/app', 'v1');      // Inspection: platforms, layers, sizes, config summaries
//   const refs = await client.referrers('team/app', digest);  // OCI 1.1 API, tag-schema fallback (referrersApi: the API alone)
//   attachments (signatures, SBOMs, attestations) of an image: attachments/discover.ts
//   await client.putManifest(repo, tagOrDigest, raw, mediaType); await client.deleteManifest(repo, digest);
//   await client.headBlob / getBlob (stream, verified) / getBlobBytes / uploadBlob (monolithic or chunked) / mountBlob
//   const location = await client.startUpload(repo); uploadBlob(..., { location }); cancelUpload(repo, location)
//
// Every method takes { signal } (AbortSignal); long ones take onProgress. Every failure is a
// RegistryError (transport/registry-error.ts, re-exported here): switch on `code`, show `message`
// (one line that ends with the fix). Image references: reference/reference.ts (parseReference).
// Operations over several calls (copy, retag, delete with siblings, untag) live in ops/.
import { Readable, Transform } from 'node:stream';
import type { ResolvedCredential } from '../credentials/types';
import { Transport, type TransportOptions, type PingResult, type TransportResponse } from '../transport/transport';
import { RegistryError } from '../transport/registry-error';
import { isDockerHub, parseRegistry } from '../reference/reference';
import { computeDigest, DigestVerifier, SizeExceededError, isDigest } from './digest';
import { MANIFEST_ACCEPT, MEDIA_TYPES, isIndexMediaType } from './media-types';
import { parseManifest, parseDescriptor, ManifestValidationError, isAttestation, type Descriptor, type Manifest, type Platform, type IndexManifest } from './manifest';
import { summarizeConfig, ConfigValidationError, type ConfigSummary } from './image-config';
import { nextLink } from './link-header';
import { PageGuard, MAX_PAGE_BYTES } from './page-guard';
import { uniqueChildren } from './index-children';
import { BodyTooLargeError, readBodyLimited } from '../transport/body-limit';
import type { OperationOptions } from './progress';
import { blobHoldersFor, type BlobHoldersCache } from './blob-holders-cache';

export { RegistryError, isRegistryError, type RegistryErrorCode } from '../transport/registry-error';
export type { Descriptor, Manifest, Platform, ImageManifest, IndexManifest, Schema1Manifest } from './manifest';
export type { ConfigSummary } from './image-config';
export type { ProgressEvent, ProgressCallback, OperationOptions } from './progress';
export type { PingResult } from '../transport/transport';

/** The transport's options (TLS, insecure, credentials, retries, timeouts), with the registry named `host`. */
export interface RegistryClientOptions extends Omit<TransportOptions, 'registry'> {
  /** Registry host as in references: "127.0.0.1:5000", "ghcr.io", "docker.io" (a scheme is tolerated and dropped). */
  host: string;
  /** Where blobs seen in this registry's repositories are remembered, for mounts (default: the user's cache folder; false: none). */
  blobHolders?: BlobHoldersCache | false;
}

export interface SignalOptions {
  signal?: AbortSignal;
}

export interface PageOptions extends SignalOptions {
  /** Entries per page; at most 1000 (the registry's cap). */
  pageSize?: number;
}

export interface FetchedManifest {
  manifest: Manifest;
  /** The media type (from Content-Type, else the body). */
  mediaType: string;
  /** Verified digest of `raw`. */
  digest: string;
  raw: Buffer;
  size: number;
}

export interface ManifestHead {
  digest: string;
  mediaType: string;
  size: number;
}

export interface FetchedConfig {
  digest: string;
  raw: Buffer;
  summary: ConfigSummary;
}

export interface PlatformImage {
  digest: string;
  mediaType: string;
  platform: Platform;
  manifestSize: number;
  config: Descriptor;
  configSummary?: ConfigSummary;
  layers: Descriptor[];
  /** config + layers (compressed, as stored). */
  size: number;
  /** An attestation/provenance manifest inside an index, not a runnable platform. */
  attestation: boolean;
}

export interface Inspection {
  registry: string;
  repository: string;
  /** The tag or digest asked for. */
  reference: string;
  digest: string;
  mediaType: string;
  isIndex: boolean;
  manifestSize: number;
  platforms: PlatformImage[];
  /** Unique blobs + manifests, each counted once. */
  totalSize: number;
  annotations?: Record<string, string>;
}

export interface UploadOptions extends OperationOptions {
  /** Upload in PATCH chunks of this many bytes instead of one PUT. */
  chunkSize?: number;
  /** Called with byte counts as the upload proceeds. */
  onBytes?: (n: number) => void;
  /** An upload session already started with startUpload (its Location): no POST is sent. */
  location?: string;
  /** The stream already fails past `size` bytes (a verified getBlob with expectedSize): no counting stage is added (without onBytes). */
  sizeChecked?: boolean;
}

export interface BlobStream {
  stream: Readable;
  /** Content-Length, when the registry sent it. */
  size?: number;
}

const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const MAX_PAGE = 1000;

const pull = (repo: string) => `repository:${repo}:pull`;
const push = (repo: string) => `repository:${repo}:pull,push`;
const del = (repo: string) => `repository:${repo}:delete`;

export class RegistryClient {
  /** Host as in references ("docker.io" for Docker Hub). */
  readonly host: string;
  readonly transport: Transport;
  readonly blobHolders: BlobHoldersCache | undefined;

  constructor(opts: RegistryClientOptions) {
    this.host = parseRegistry(opts.host);
    this.blobHolders = opts.blobHolders === false ? undefined : opts.blobHolders ?? blobHoldersFor(opts.env);
    const topts: TransportOptions = { ...opts, registry: this.host };
    this.transport = new Transport(topts);
  }

  /** GET /v2/: scheme, auth scheme, API version. Throws RegistryError (TLS, UNREACHABLE, ...). */
  ping(opts: SignalOptions = {}): Promise<PingResult> {
    return this.transport.ping(opts.signal);
  }

  /** The credential used for this registry, or for `repository` in it (with its source), if any. */
  credential(repository?: string): Promise<ResolvedCredential | undefined> {
    return this.transport.credential(repository);
  }

  /** Repositories, one page at a time, following Link headers. Docker Hub has no catalog: NO_CATALOG. */
  async *catalogPages(opts: PageOptions = {}): AsyncIterable<string[]> {
    if (isDockerHub(this.host)) {
      throw new RegistryError({ code: 'NO_CATALOG', summary: 'Docker Hub does not offer a repository catalog (/v2/_catalog)', fix: 'Name the repository directly (e.g. dockhand tags docker.io/library/nginx) or browse hub.docker.com.', host: this.host });
    }
    const n = Math.max(1, Math.min(MAX_PAGE, opts.pageSize ?? MAX_PAGE));
    let path: string | undefined = `/v2/_catalog?n=${n}`;
    const guard = new PageGuard(`the repository list of ${this.host}`, this.host);
    let first = true;
    while (path) {
      guard.visit(path);
      let res: TransportResponse;
      try {
        res = await this.transport.request({ method: 'GET', path, scopes: ['registry:catalog:*'], signal: opts.signal, what: `listing the repositories of ${this.host}` });
      } catch (err) {
        if (err instanceof RegistryError && err.code === 'PAGINATION_NUMBER_INVALID' && first && path.includes('n=')) {
          // The registry caps pages below what we asked (catalog.maxentries): let it choose the page size.
          path = '/v2/_catalog';
          first = false;
          continue;
        }
        if (err instanceof RegistryError && (err.status === 404 || err.status === 405 || err.code === 'UNSUPPORTED')) {
          throw new RegistryError({ code: 'NO_CATALOG', status: err.status, summary: `${this.host} does not offer a repository catalog (/v2/_catalog)`, fix: 'Name the repository directly (dockhand tags HOST/REPO); this registry does not list its repositories.', host: this.host });
        }
        throw err;
      }
      first = false;
      const raw = await readLimited(res, MAX_PAGE_BYTES, this.host, undefined, 'catalog page');
      guard.page(raw);
      const json = parseJsonObject(raw, this.host, undefined, 'the catalog');
      const repos = (json as { repositories?: unknown }).repositories;
      if (repos !== null && repos !== undefined && !Array.isArray(repos)) throw invalid(this.host, undefined, 'the catalog has no "repositories" array');
      const page = (repos ?? []).filter((r): r is string => typeof r === 'string');
      guard.count(page.length);
      const next = nextLink(res.headers.link, res.url);
      path = next ? next.pathname + next.search : undefined;
      if (page.length) yield page;
    }
  }

  /** Every repository (all catalog pages). */
  async catalog(opts: PageOptions = {}): Promise<string[]> {
    const out: string[] = [];
    // One push per entry: push(...page) overflows the stack on a page of a few hundred thousand.
    for await (const page of this.catalogPages(opts)) for (const r of page) out.push(r);
    return out;
  }

  /** Tags of a repository, page by page. */
  async *tagPages(repository: string, opts: PageOptions = {}): AsyncIterable<string[]> {
    const n = Math.max(1, Math.min(MAX_PAGE, opts.pageSize ?? MAX_PAGE));
    let path: string | undefined = `/v2/${repository}/tags/list?n=${n}`;
    const guard = new PageGuard(`the tag list of ${this.host}/${repository}`, this.host, repository);
    while (path) {
      guard.visit(path);
      const res = await this.transport.request({ method: 'GET', path, repository, scopes: [pull(repository)], signal: opts.signal, what: `listing the tags of ${this.host}/${repository}` });
      const raw = await readLimited(res, MAX_PAGE_BYTES, this.host, repository, 'tag list page');
      guard.page(raw);
      const json = parseJsonObject(raw, this.host, repository, 'the tag list');
      const tags = (json as { tags?: unknown }).tags;
      if (tags !== null && tags !== undefined && !Array.isArray(tags)) throw invalid(this.host, repository, 'the tag list has no "tags" array');
      const page = (tags ?? []).filter((t): t is string => typeof t === 'string');
      guard.count(page.length);
      const next = nextLink(res.headers.link, res.url);
      path = next ? next.pathname + next.search : undefined;
      if (page.length) yield page;
    }
  }

  /** All tags ([] when the repository has none). */
  async listTags(repository: string, opts: PageOptions = {}): Promise<string[]> {
    const out: string[] = [];
    for await (const page of this.tagPages(repository, opts)) for (const t of page) out.push(t);
    return out;
  }

  /** GET a manifest by tag or digest: validated and digest-verified. */
  async getManifest(repository: string, reference: string, opts: SignalOptions & { accept?: string } = {}): Promise<FetchedManifest> {
    const res = await this.transport.request({
      method: 'GET', path: `/v2/${repository}/manifests/${reference}`, repository, scopes: [pull(repository)],
      headers: { accept: opts.accept ?? MANIFEST_ACCEPT }, signal: opts.signal, what: `getting the manifest ${this.host}/${repository}${sep(reference)}`,
    });
    const raw = await readLimited(res, MAX_MANIFEST_BYTES, this.host, repository, 'manifest');
    const contentType = header(res.headers['content-type'])?.split(';')[0]?.trim();
    let manifest: Manifest;
    try {
      manifest = parseManifest(raw, contentType);
    } catch (err) {
      if (err instanceof ManifestValidationError) throw invalid(this.host, repository, `the manifest ${reference} is invalid: ${err.message}`);
      throw err;
    }
    const headerDigest = header(res.headers['docker-content-digest']);
    const digest = computeDigest(raw);
    const expected = isDigest(reference) ? reference : headerDigest && headerDigest.startsWith('sha256:') ? headerDigest : undefined;
    if (expected && expected !== digest && manifest.kind !== 'schema1') {
      throw new RegistryError({ code: 'DIGEST_MISMATCH', summary: `the manifest ${repository}${sep(reference)} does not match its digest (expected ${expected}, got ${digest})`, fix: 'The registry or a proxy altered the content; do not trust it. Retry, and report it to the registry admin if it repeats.', host: this.host, repository });
    }
    if (manifest.kind === 'image') this.blobHolders?.record(this.host, repository, [manifest.config.digest, ...manifest.layers.map((l) => l.digest)]);
    const mediaType = manifest.kind === 'schema1' ? manifest.mediaType : (contentType && contentType !== 'application/json' && contentType !== 'text/plain' ? contentType : manifest.mediaType);
    return { manifest, mediaType, digest: manifest.kind === 'schema1' && headerDigest ? headerDigest : digest, raw, size: raw.length };
  }

  /** HEAD a manifest: digest, media type and size, or undefined when it does not exist. */
  async headManifest(repository: string, reference: string, opts: SignalOptions = {}): Promise<ManifestHead | undefined> {
    const res = await this.transport.request({
      method: 'HEAD', path: `/v2/${repository}/manifests/${reference}`, repository, scopes: [pull(repository)],
      headers: { accept: MANIFEST_ACCEPT }, signal: opts.signal, okStatus: [200, 404], what: `checking the manifest ${this.host}/${repository}${sep(reference)}`,
    });
    await res.body.dump();
    if (res.status === 404) return undefined;
    const digest = header(res.headers['docker-content-digest']);
    const mediaType = header(res.headers['content-type'])?.split(';')[0]?.trim();
    const size = Number(header(res.headers['content-length']));
    if (!digest || !isDigest(digest) || !mediaType || !Number.isFinite(size)) {
      const m = await this.getManifest(repository, reference, opts); // registry without Docker-Content-Digest on HEAD
      return { digest: m.digest, mediaType: m.mediaType, size: m.size };
    }
    if (isDigest(reference) && digest !== reference) {
      throw new RegistryError({ code: 'DIGEST_MISMATCH', summary: `HEAD ${repository}@${reference} answered digest ${digest}`, fix: 'The registry is inconsistent; retry and report it.', host: this.host, repository });
    }
    return { digest, mediaType, size };
  }

  /** The digest a tag points at (HEAD, falling back to GET). Throws MANIFEST_UNKNOWN when absent. */
  async resolveDigest(repository: string, reference: string, opts: SignalOptions = {}): Promise<string> {
    const h = await this.headManifest(repository, reference, opts);
    if (!h) throw new RegistryError({ code: 'MANIFEST_UNKNOWN', status: 404, summary: `no manifest ${repository}${sep(reference)}`, fix: `Check the tag or digest (dockhand tags ${this.host}/${repository} lists the tags).`, host: this.host, repository });
    return h.digest;
  }

  /** PUT a manifest under a tag or its digest. Returns the digest (checked against the bytes). */
  async putManifest(repository: string, reference: string, raw: Buffer, mediaType: string, opts: SignalOptions = {}): Promise<{ digest: string }> {
    const digest = computeDigest(raw);
    if (isDigest(reference) && reference !== digest) throw new RegistryError({ code: 'DIGEST_MISMATCH', summary: `cannot put manifest with digest ${digest} as ${reference}`, fix: 'This is a bug in the caller: the bytes changed.', host: this.host, repository });
    const res = await this.transport.request({
      method: 'PUT', path: `/v2/${repository}/manifests/${reference}`, repository, scopes: [push(repository)],
      headers: { 'content-type': mediaType }, body: raw, signal: opts.signal, what: `putting the manifest ${this.host}/${repository}${sep(reference)}`,
    });
    await res.body.dump();
    const got = header(res.headers['docker-content-digest']);
    if (got && got.startsWith('sha256:') && got !== digest) {
      throw new RegistryError({ code: 'DIGEST_MISMATCH', summary: `the registry stored the manifest as ${got}, not ${digest}`, fix: 'The registry rewrote the manifest (it may not support this media type); report it.', host: this.host, repository });
    }
    return { digest };
  }

  /** DELETE a manifest by digest (every tag pointing at it goes too). */
  async deleteManifest(repository: string, digest: string, opts: SignalOptions = {}): Promise<void> {
    const res = await this.transport.request({
      method: 'DELETE', path: `/v2/${repository}/manifests/${digest}`, repository, scopes: [del(repository), pull(repository)],
      signal: opts.signal, okStatus: [200, 202, 204], what: `deleting ${this.host}/${repository}${sep(digest)}`,
    });
    await res.body.dump();
  }

  /** GET and summarize an image config blob (digest verified, size-limited). */
  async getConfig(repository: string, descriptor: Descriptor, opts: SignalOptions = {}): Promise<FetchedConfig> {
    if (descriptor.size > MAX_CONFIG_BYTES) throw invalid(this.host, repository, `the config blob is ${descriptor.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit`);
    const raw = await this.getBlobBytes(repository, descriptor.digest, { ...opts, maxBytes: MAX_CONFIG_BYTES });
    try {
      return { digest: descriptor.digest, raw, summary: summarizeConfig(raw) };
    } catch (err) {
      if (err instanceof ConfigValidationError) throw invalid(this.host, repository, err.message);
      throw err;
    }
  }

  /** HEAD a blob: its size, or undefined when absent. */
  async headBlob(repository: string, digest: string, opts: SignalOptions = {}): Promise<{ size: number } | undefined> {
    const res = await this.transport.request({ method: 'HEAD', path: `/v2/${repository}/blobs/${digest}`, repository, scopes: [pull(repository)], signal: opts.signal, okStatus: [200, 404], what: `checking blob ${digest} in ${this.host}/${repository}` });
    await res.body.dump();
    if (res.status === 404) return undefined;
    return { size: Number(header(res.headers['content-length']) ?? 0) };
  }

  /** Stream a blob; the stream errors (DIGEST_MISMATCH) if the bytes do not hash to `digest`. Redirects to storage carry no Authorization. */
  async getBlob(repository: string, digest: string, opts: SignalOptions & { expectedSize?: number; onBytes?: (n: number) => void } = {}): Promise<BlobStream> {
    const res = await this.transport.request({ method: 'GET', path: `/v2/${repository}/blobs/${digest}`, repository, scopes: [pull(repository)], signal: opts.signal, what: `downloading blob ${digest} from ${this.host}/${repository}` });
    const len = header(res.headers['content-length']);
    const size = len !== undefined ? Number(len) : undefined;
    const host = this.host;
    const verifier = new DigestVerifier(digest, opts.expectedSize, opts.onBytes, (err) => err instanceof SizeExceededError
      ? oversize(host, repository, digest, err.declared)
      : new RegistryError({ code: 'DIGEST_MISMATCH', summary: `blob ${digest} from ${repository}: ${err.message}`, fix: 'The registry or a proxy altered the content; retry, and report it if it repeats.', host, repository, cause: err }));
    const body = res.body;
    body.on('error', (err) => verifier.destroy(err));
    verifier.on('close', () => { if (!body.destroyed) body.destroy(); });
    // The body flows into the verifier once the consumer reads (not before it is attached).
    verifier.startWhenRead(() => body.pipe(verifier));
    return { stream: verifier, ...(size !== undefined && Number.isFinite(size) ? { size } : {}) };
  }

  /** A whole (small) blob in memory, verified. */
  async getBlobBytes(repository: string, digest: string, opts: SignalOptions & { maxBytes?: number } = {}): Promise<Buffer> {
    const { stream } = await this.getBlob(repository, digest, opts);
    const max = opts.maxBytes ?? MAX_CONFIG_BYTES;
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > max) { stream.destroy(); throw invalid(this.host, repository, `blob ${digest} is larger than ${max} bytes`); }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  /** Try a cross-repository mount; true when the registry mounted it (201). Refused (202): the upload session it opened goes to `session`, else is cancelled. */
  async mountBlob(repository: string, digest: string, fromRepository: string, opts: SignalOptions & { session?: (location: string) => void } = {}): Promise<boolean> {
    const res = await this.transport.request({
      method: 'POST', path: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`,
      repository, scopes: [push(repository), pull(fromRepository)], signal: opts.signal, okStatus: [201, 202], what: `mounting blob ${digest} into ${this.host}/${repository}`,
    });
    await res.body.dump();
    if (res.status === 201) return true;
    const location = header(res.headers.location);
    if (location && opts.session) opts.session(location);
    else if (location) await this.cancelUpload(repository, location, opts);
    return false;
  }

  /** Start an upload session (POST): its Location, for uploadBlob's `location` (lets a caller overlap it with fetching the data). */
  async startUpload(repository: string, opts: SignalOptions = {}): Promise<string> {
    const start = await this.transport.request({ method: 'POST', path: `/v2/${repository}/blobs/uploads/`, repository, scopes: [push(repository)], signal: opts.signal, okStatus: [202], what: `starting an upload to ${this.host}/${repository}`, headers: { 'content-length': '0' } });
    await start.body.dump();
    const location = header(start.headers.location);
    if (!location) throw invalid(this.host, repository, 'the registry started an upload without a Location header');
    return location;
  }

  /** Cancel an upload session (best effort: the registry also expires it). */
  async cancelUpload(repository: string, location: string, opts: SignalOptions = {}): Promise<void> {
    try {
      const res = await this.transport.request({ method: 'DELETE', path: await this.absolute(location), repository, scopes: [push(repository)], signal: opts.signal, okStatus: [200, 202, 204, 404, 405], what: 'cancelling an upload' });
      await res.body.dump();
    } catch { /* best effort */ }
  }

  /** Upload a blob: one PUT (monolithic) or PATCH chunks then PUT (chunked). `data` is bytes or a factory for a fresh stream. */
  async uploadBlob(repository: string, digest: string, size: number, data: Buffer | (() => Readable), opts: UploadOptions = {}): Promise<void> {
    let location: string | undefined = opts.location ?? await this.startUpload(repository, opts);
    const what = `uploading blob ${digest} to ${this.host}/${repository}`;
    if (!opts.chunkSize) {
      // A Buffer can be replayed by the transport's retries; a stream cannot (the caller retries the whole blob).
      if (Buffer.isBuffer(data) && data.length !== size) throw invalid(this.host, repository, `blob ${digest}: ${data.length} bytes given, ${size} declared`);
      const body = Buffer.isBuffer(data) ? data : opts.sizeChecked && !opts.onBytes ? data() : metered(data(), size, opts.onBytes, () => oversize(this.host, repository, digest, size));
      const res = await this.transport.request({
        method: 'PUT', path: withDigest(await this.absolute(location), digest), repository, scopes: [push(repository)], signal: opts.signal, okStatus: [201, 204],
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) }, body, what,
      });
      await res.body.dump();
      if (Buffer.isBuffer(data)) opts.onBytes?.(size);
      return;
    }
    let offset = 0;
    const source: AsyncIterable<Buffer> | Iterable<Buffer> = Buffer.isBuffer(data) ? [data] : (data() as AsyncIterable<Buffer>);
    const chunkSize = opts.chunkSize;
    const sendChunk = async (chunk: Buffer) => {
      const res = await this.transport.request({
        method: 'PATCH', path: await this.absolute(location!), repository, scopes: [push(repository)], signal: opts.signal, okStatus: [202, 204],
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(chunk.length), 'content-range': `${offset}-${offset + chunk.length - 1}` }, body: chunk, what,
      });
      await res.body.dump();
      location = header(res.headers.location) ?? location;
      offset += chunk.length;
      opts.onBytes?.(chunk.length);
    };
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let received = 0;
    for await (const piece of source) {
      received += piece.length;
      // Checked before anything of this piece is sent: an endless source costs at most one chunk of reading.
      if (received > size) {
        if (!Buffer.isBuffer(data)) (source as Readable).destroy();
        throw oversize(this.host, repository, digest, size);
      }
      let buf = piece;
      while (buf.length) {
        const take = Math.min(chunkSize - pendingBytes, buf.length);
        pending.push(buf.subarray(0, take));
        pendingBytes += take;
        buf = buf.subarray(take);
        if (pendingBytes === chunkSize) {
          await sendChunk(Buffer.concat(pending));
          pending = [];
          pendingBytes = 0;
        }
      }
    }
    if (pendingBytes) await sendChunk(Buffer.concat(pending));
    if (offset !== size) throw invalid(this.host, repository, `blob ${digest}: read ${offset} bytes, expected ${size}`);
    const done = await this.transport.request({
      method: 'PUT', path: withDigest(await this.absolute(location), digest), repository, scopes: [push(repository)], signal: opts.signal, okStatus: [201, 204],
      headers: { 'content-length': '0' }, body: Buffer.alloc(0), what,
    });
    await done.body.dump();
  }

  /** Referrers of a digest from the OCI 1.1 referrers API; undefined when the registry has no such API (distribution 2.x answers 404). */
  async referrersApi(repository: string, digest: string, opts: SignalOptions & { artifactType?: string } = {}): Promise<Descriptor[] | undefined> {
    const q = opts.artifactType ? `?artifactType=${encodeURIComponent(opts.artifactType)}` : '';
    const res = await this.transport.request({ method: 'GET', path: `/v2/${repository}/referrers/${digest}${q}`, repository, scopes: [pull(repository)], signal: opts.signal, okStatus: [200, 404, 400, 405], what: `listing referrers of ${repository}@${digest}`, headers: { accept: MEDIA_TYPES.ociIndex } });
    const contentType = header(res.headers['content-type'])?.split(';')[0]?.trim();
    if (res.status !== 200 || contentType !== MEDIA_TYPES.ociIndex) {
      await res.body.dump();
      return undefined;
    }
    const raw = await readLimited(res, MAX_MANIFEST_BYTES, this.host, repository, 'referrers index');
    let list: Descriptor[];
    try {
      const m = parseManifest(raw, MEDIA_TYPES.ociIndex);
      list = m.kind === 'index' ? m.manifests : [];
    } catch (err) {
      throw invalid(this.host, repository, `the referrers response is invalid: ${(err as Error).message}`);
    }
    return opts.artifactType && !header(res.headers['oci-filters-applied'])?.includes('artifactType') ? list.filter((d) => d.artifactType === opts.artifactType) : list;
  }

  /** Referrers of a digest: the OCI 1.1 referrers API, or the "sha256-<hex>" tag schema when the registry has no such API. */
  async referrers(repository: string, digest: string, opts: SignalOptions & { artifactType?: string } = {}): Promise<Descriptor[]> {
    const api = await this.referrersApi(repository, digest, opts);
    if (api) return api;
    // Fallback: tag schema
    const tag = digest.replace(':', '-');
    const head = await this.headManifest(repository, tag, opts);
    if (!head) return [];
    const fetched = await this.getManifest(repository, tag, opts);
    if (fetched.manifest.kind !== 'index') return [];
    const list = fetched.manifest.manifests;
    return opts.artifactType ? list.filter((d) => d.artifactType === opts.artifactType) : list;
  }

  /** Manifest, platforms, layers, sizes and config summaries of a tag or digest. */
  async inspect(repository: string, reference: string, opts: SignalOptions & { withConfig?: boolean } = {}): Promise<Inspection> {
    const withConfig = opts.withConfig !== false;
    const top = await this.getManifest(repository, reference, opts);
    const blobs = new Map<string, number>();
    const manifests = new Map<string, number>([[top.digest, top.size]]);
    const platforms: PlatformImage[] = [];
    const imageOf = async (fetched: FetchedManifest, descriptor?: Descriptor): Promise<PlatformImage | undefined> => {
      const m = fetched.manifest;
      if (m.kind === 'schema1') {
        return { digest: fetched.digest, mediaType: fetched.mediaType, platform: { os: 'linux', architecture: m.architecture || 'unknown' }, manifestSize: fetched.size, config: { mediaType: '', digest: fetched.digest, size: 0 }, layers: m.fsLayers.map((l) => ({ mediaType: MEDIA_TYPES.dockerLayer, digest: l.blobSum, size: 0 })), size: 0, attestation: false };
      }
      if (m.kind !== 'image') return undefined;
      const attestation = descriptor ? isAttestation(descriptor) : false;
      let configSummary: ConfigSummary | undefined;
      if (withConfig && !attestation && (m.config.mediaType === MEDIA_TYPES.dockerConfig || m.config.mediaType === MEDIA_TYPES.ociConfig)) {
        configSummary = (await this.getConfig(repository, m.config, opts)).summary;
      }
      blobs.set(m.config.digest, m.config.size);
      for (const l of m.layers) blobs.set(l.digest, l.size);
      const size = m.config.size + m.layers.reduce((a, l) => a + l.size, 0);
      const platform = descriptor?.platform ?? configSummary?.platform ?? { os: 'unknown', architecture: 'unknown' };
      return { digest: fetched.digest, mediaType: fetched.mediaType, platform, manifestSize: fetched.size, config: m.config, ...(configSummary ? { configSummary } : {}), layers: m.layers, size, attestation };
    };
    if (top.manifest.kind === 'index') {
      const index = top.manifest as IndexManifest;
      const children = uniqueChildren(index, { host: this.host, repository, digest: top.digest });
      const results = await mapLimit(children, 4, async (d) => {
        if (isIndexMediaType(d.mediaType)) return undefined; // nested index: listed by digest only
        const child = await this.getManifest(repository, d.digest, opts);
        manifests.set(child.digest, child.size);
        return imageOf(child, d);
      });
      for (const r of results) if (r) platforms.push(r);
    } else {
      const img = await imageOf(top);
      if (img) platforms.push(img);
    }
    let totalSize = 0;
    for (const s of blobs.values()) totalSize += s;
    for (const s of manifests.values()) totalSize += s;
    const annotations = top.manifest.kind !== 'schema1' ? top.manifest.annotations : undefined;
    return { registry: this.host, repository, reference, digest: top.digest, mediaType: top.mediaType, isIndex: top.manifest.kind === 'index', manifestSize: top.size, platforms, totalSize, ...(annotations ? { annotations } : {}) };
  }

  private async absolute(location: string): Promise<string> {
    return new URL(location, await this.transport.baseUrl()).toString();
  }


  /** Release connections. */
  close(): Promise<void> {
    return this.transport.close();
  }
}

export { parseDescriptor };

function sep(reference: string): string {
  return isDigest(reference) ? `@${reference}` : `:${reference}`;
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function invalid(host: string, repository: string | undefined, message: string): RegistryError {
  return new RegistryError({ code: 'INVALID_RESPONSE', summary: message, fix: 'The registry sent something that is not valid per the distribution spec; report it to its admin.', host, repository });
}

async function readLimited(res: TransportResponse, max: number, host: string, repository: string | undefined, what: string): Promise<Buffer> {
  try {
    return await readBodyLimited(res.body, max);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw invalid(host, repository, `the ${what} is larger than ${max} bytes; it was not read further`);
    throw err;
  }
}

/** The source of a blob sent more than its descriptor's size: stopped there, nothing more uploaded. */
function oversize(host: string, repository: string, digest: string, size: number): RegistryError {
  return new RegistryError({ code: 'SIZE_INVALID', summary: `blob ${digest}: the source sent more than the manifest declares (${size} bytes); the upload was stopped there`, fix: 'The source registry or archive is corrupt or hostile: check the source image (and push it again from a good copy).', host, repository });
}

function parseJsonObject(raw: Buffer, host: string, repository: string | undefined, what: string): object {
  try {
    const j = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof j !== 'object' || j === null) throw new Error('not an object');
    return j;
  } catch {
    throw invalid(host, repository, `${what} is not a JSON object`);
  }
}

function withDigest(location: string, digest: string): string {
  const u = new URL(location);
  u.searchParams.set('digest', digest);
  return u.toString();
}

/** Count bytes as the consumer pulls them (a 'data' listener would start the flow before the consumer is attached), and fail with `tooMany()` before passing on a byte past `max`. */
function metered(stream: Readable, max: number, onBytes: ((n: number) => void) | undefined, tooMany: () => Error): Readable {
  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      total += chunk.length;
      if (total > max) { cb(tooMany()); return; }
      onBytes?.(chunk.length);
      cb(null, chunk);
    },
  });
  stream.on('error', (err) => counter.destroy(err));
  counter.on('close', () => { if (!stream.readableEnded) stream.destroy(); });
  return stream.pipe(counter);
}

/** Run `fn` over `items` with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

