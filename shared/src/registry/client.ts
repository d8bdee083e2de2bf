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
//   const refs = await client.referrers('team/app', digest);  // OCI 1.1 API, tag-schema fallback (referrersApi: the API alone)
//   attachments (signatures, SBOMs, attestations) of an image: attachments/discover.ts
//   await client.putManifest(repo, tagOrDigest, raw, mediaType); await client.deleteManifest(repo, digest);
//   await client.headBlob / getBlob (stream, verified) / getBlobBytes / uploadBlob (monolithic or chunked) / mountBlob
//   const location = await client.startUpload(repo); uploadBlob(..., { location }); cancelUpload(repo, location)
//
// Every method takes { signal } (AbortSignal); long ones take onProgress. Every failure is a
// RegistryError (transport/registry-error.ts, re-exported here): switch on `code`, show `message`
// (one line that ends with the fix). Image references: reference/reference.ts (parseReference).
// Operations over several calls (inspect, copy, retag, delete with siblings, untag) live in ops/.
// Types: types.ts; wire helpers: wire.ts; Link paging: paging.ts; blob reads: blobs.ts; uploads: uploads.ts.
import type { Readable } from 'node:stream';
import type { ResolvedCredential } from '../credentials/types';
import { Transport, type TransportOptions, type PingResult } from '../transport/transport';
import { RegistryError } from '../transport/registry-error';
import { isDockerHub, parseRegistry } from '../reference/reference';
import { computeDigest, isDigest } from './digest';
import { MANIFEST_ACCEPT } from './media-types';
import { parseManifest, parseDescriptor, ManifestValidationError, type Descriptor, type Manifest } from './manifest';
import { collectPages, listPages } from './paging';
import { fetchReferrers } from './referrers-api';
import { cancelUpload, mountBlob, startUpload, uploadBlob } from './uploads';
import { getBlob, getBlobBytes, getConfig, headBlob } from './blobs';
import { MAX_MANIFEST_BYTES, mediaTypeOf, del, header, invalid, pull, push, readLimited, sep, type WireTarget } from './wire';
import { blobHoldersFor, type BlobHoldersCache } from './blob-holders-cache';
import type { BlobStream, FetchedConfig, FetchedManifest, ManifestHead, PageOptions, RegistryClientOptions, SignalOptions, UploadOptions } from './types';

export { RegistryError, isRegistryError, type RegistryErrorCode } from '../transport/registry-error';
export type { Descriptor, Manifest, Platform, ImageManifest, IndexManifest, Schema1Manifest } from './manifest';
export type { ConfigSummary } from './image-config';
export type { RegistryProgressEvent, ProgressCallback, OperationOptions } from './progress';
export type { PingResult } from '../transport/transport';
export type * from './types';

export class RegistryClient {
  /** Host as in references ("docker.io" for Docker Hub). */
  readonly host: string;
  private readonly transport: Transport;
  readonly blobHolders: BlobHoldersCache | undefined;

  constructor(opts: RegistryClientOptions) {
    this.host = parseRegistry(opts.host);
    this.blobHolders = opts.blobHolders === false ? undefined : (opts.blobHolders ?? blobHoldersFor(opts.env));
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

  /** An authenticated GET /v2/ (ping alone sends no credential): resolves when the registry accepts this client's credential. */
  async verifyAccess(opts: SignalOptions & { what?: string } = {}): Promise<void> {
    const res = await this.transport.request({ method: 'GET', path: '/v2/', what: opts.what ?? `signing in to ${this.host}`, signal: opts.signal });
    await res.body.dump();
    if (res.status !== 200)
      throw new RegistryError({
        code: 'HTTP_ERROR',
        status: res.status,
        summary: `${this.host} answered GET /v2/ with HTTP ${res.status}`,
        fix: 'Check the username and password (or token).',
        host: this.host,
      });
  }

  /** Repositories, one page at a time, following Link headers. Docker Hub has no catalog: NO_CATALOG. */
  async *catalogPages(opts: PageOptions = {}): AsyncIterable<string[]> {
    const host = this.host;
    if (isDockerHub(host)) {
      throw new RegistryError({
        code: 'NO_CATALOG',
        summary: 'Docker Hub does not offer a repository catalog (/v2/_catalog)',
        fix: 'Name the repository directly (e.g. dockhand tags docker.io/library/nginx) or browse hub.docker.com.',
        host,
      });
    }
    yield* listPages(this.transport, {
      host,
      path: '/v2/_catalog',
      field: 'repositories',
      name: 'the catalog',
      pageName: 'catalog page',
      guardName: `the repository list of ${host}`,
      what: `listing the repositories of ${host}`,
      scopes: ['registry:catalog:*'],
      pageSize: opts.pageSize,
      signal: opts.signal,
      onError: (err, path, first) => {
        // The registry caps pages below what we asked (catalog.maxentries): let it choose the page size.
        if (err instanceof RegistryError && err.code === 'PAGINATION_NUMBER_INVALID' && first && path.includes('n=')) return '/v2/_catalog';
        if (err instanceof RegistryError && (err.status === 404 || err.status === 405 || err.code === 'UNSUPPORTED')) {
          throw new RegistryError({
            code: 'NO_CATALOG',
            status: err.status,
            summary: `${host} does not offer a repository catalog (/v2/_catalog)`,
            fix: 'Name the repository directly (dockhand tags HOST/REPO); this registry does not list its repositories.',
            host,
          });
        }
        throw err;
      },
    });
  }

  /** Every repository (all catalog pages). */
  catalog(opts: PageOptions = {}): Promise<string[]> {
    return collectPages(this.catalogPages(opts));
  }

  /** Tags of a repository, page by page. */
  async *tagPages(repository: string, opts: PageOptions = {}): AsyncIterable<string[]> {
    yield* listPages(this.transport, {
      host: this.host,
      repository,
      path: `/v2/${repository}/tags/list`,
      field: 'tags',
      name: 'the tag list',
      pageName: 'tag list page',
      guardName: `the tag list of ${this.host}/${repository}`,
      what: `listing the tags of ${this.host}/${repository}`,
      scopes: [pull(repository)],
      pageSize: opts.pageSize,
      signal: opts.signal,
    });
  }

  /** All tags ([] when the repository has none). */
  listTags(repository: string, opts: PageOptions = {}): Promise<string[]> {
    return collectPages(this.tagPages(repository, opts));
  }

  /** GET a manifest by tag or digest: validated and digest-verified. */
  async getManifest(repository: string, reference: string, opts: SignalOptions & { accept?: string } = {}): Promise<FetchedManifest> {
    const res = await this.transport.request({
      method: 'GET',
      path: `/v2/${repository}/manifests/${reference}`,
      repository,
      scopes: [pull(repository)],
      headers: { accept: opts.accept ?? MANIFEST_ACCEPT },
      signal: opts.signal,
      what: `getting the manifest ${this.host}/${repository}${sep(reference)}`,
    });
    const raw = await readLimited(res, MAX_MANIFEST_BYTES, this.host, repository, 'manifest');
    const contentType = mediaTypeOf(res);
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
      throw new RegistryError({
        code: 'DIGEST_MISMATCH',
        summary: `the manifest ${repository}${sep(reference)} does not match its digest (expected ${expected}, got ${digest})`,
        fix: 'The registry or a proxy altered the content; do not trust it. Retry, and report it to the registry admin if it repeats.',
        host: this.host,
        repository,
      });
    }
    if (manifest.kind === 'image') this.blobHolders?.record(this.host, repository, [manifest.config.digest, ...manifest.layers.map((l) => l.digest)]);
    const mediaType =
      manifest.kind === 'schema1'
        ? manifest.mediaType
        : contentType && contentType !== 'application/json' && contentType !== 'text/plain'
          ? contentType
          : manifest.mediaType;
    return { manifest, mediaType, digest: manifest.kind === 'schema1' && headerDigest ? headerDigest : digest, raw, size: raw.length };
  }

  /** HEAD a manifest: digest, media type and size, or undefined when it does not exist. */
  async headManifest(repository: string, reference: string, opts: SignalOptions = {}): Promise<ManifestHead | undefined> {
    const res = await this.transport.request({
      method: 'HEAD',
      path: `/v2/${repository}/manifests/${reference}`,
      repository,
      scopes: [pull(repository)],
      headers: { accept: MANIFEST_ACCEPT },
      signal: opts.signal,
      okStatus: [200, 404],
      what: `checking the manifest ${this.host}/${repository}${sep(reference)}`,
    });
    await res.body.dump();
    if (res.status === 404) return undefined;
    const digest = header(res.headers['docker-content-digest']);
    const mediaType = mediaTypeOf(res);
    const size = Number(header(res.headers['content-length']));
    if (!digest || !isDigest(digest) || !mediaType || !Number.isFinite(size)) {
      const m = await this.getManifest(repository, reference, opts); // registry without Docker-Content-Digest on HEAD
      return { digest: m.digest, mediaType: m.mediaType, size: m.size };
    }
    if (isDigest(reference) && digest !== reference) {
      throw new RegistryError({
        code: 'DIGEST_MISMATCH',
        summary: `HEAD ${repository}@${reference} answered digest ${digest}`,
        fix: 'The registry is inconsistent; retry and report it.',
        host: this.host,
        repository,
      });
    }
    return { digest, mediaType, size };
  }

  /** The digest a tag points at (HEAD, falling back to GET). Throws MANIFEST_UNKNOWN when absent. */
  async resolveDigest(repository: string, reference: string, opts: SignalOptions = {}): Promise<string> {
    const h = await this.headManifest(repository, reference, opts);
    if (!h)
      throw new RegistryError({
        code: 'MANIFEST_UNKNOWN',
        status: 404,
        summary: `no manifest ${repository}${sep(reference)}`,
        fix: `Check the tag or digest (dockhand tags ${this.host}/${repository} lists the tags).`,
        host: this.host,
        repository,
      });
    return h.digest;
  }

  /** PUT a manifest under a tag or its digest. Returns the digest (checked against the bytes). */
  async putManifest(repository: string, reference: string, raw: Buffer, mediaType: string, opts: SignalOptions = {}): Promise<{ digest: string }> {
    const digest = computeDigest(raw);
    if (isDigest(reference) && reference !== digest)
      throw new RegistryError({
        code: 'DIGEST_MISMATCH',
        summary: `cannot put manifest with digest ${digest} as ${reference}`,
        fix: 'This is a bug in the caller: the bytes changed.',
        host: this.host,
        repository,
      });
    const res = await this.transport.request({
      method: 'PUT',
      path: `/v2/${repository}/manifests/${reference}`,
      repository,
      scopes: [push(repository)],
      headers: { 'content-type': mediaType },
      body: raw,
      signal: opts.signal,
      what: `putting the manifest ${this.host}/${repository}${sep(reference)}`,
    });
    await res.body.dump();
    const got = header(res.headers['docker-content-digest']);
    if (got && got.startsWith('sha256:') && got !== digest) {
      throw new RegistryError({
        code: 'DIGEST_MISMATCH',
        summary: `the registry stored the manifest as ${got}, not ${digest}`,
        fix: 'The registry rewrote the manifest (it may not support this media type); report it.',
        host: this.host,
        repository,
      });
    }
    return { digest };
  }

  /** DELETE a manifest by digest (every tag pointing at it goes too). */
  async deleteManifest(repository: string, digest: string, opts: SignalOptions = {}): Promise<void> {
    const res = await this.transport.request({
      method: 'DELETE',
      path: `/v2/${repository}/manifests/${digest}`,
      repository,
      scopes: [del(repository), pull(repository)],
      signal: opts.signal,
      okStatus: [200, 202, 204],
      what: `deleting ${this.host}/${repository}${sep(digest)}`,
    });
    await res.body.dump();
  }

  /** GET and summarize an image config blob (digest verified, size-limited). */
  getConfig(repository: string, descriptor: Descriptor, opts: SignalOptions = {}): Promise<FetchedConfig> {
    return getConfig(this.wire, repository, descriptor, opts);
  }

  /** HEAD a blob: its size, or undefined when absent. */
  headBlob(repository: string, digest: string, opts: SignalOptions = {}): Promise<{ size: number } | undefined> {
    return headBlob(this.wire, repository, digest, opts);
  }

  /** Stream a blob; the stream errors (DIGEST_MISMATCH) if the bytes do not hash to `digest`. Redirects to storage carry no Authorization. */
  getBlob(repository: string, digest: string, opts: SignalOptions & { expectedSize?: number; onBytes?: (n: number) => void } = {}): Promise<BlobStream> {
    return getBlob(this.wire, repository, digest, opts);
  }

  /** A whole (small) blob in memory, verified. */
  getBlobBytes(repository: string, digest: string, opts: SignalOptions & { maxBytes?: number } = {}): Promise<Buffer> {
    return getBlobBytes(this.wire, repository, digest, opts);
  }

  /** Try a cross-repository mount; true when the registry mounted it (201). Refused (202): the upload session it opened goes to `session`, else is cancelled. */
  mountBlob(repository: string, digest: string, fromRepository: string, opts: SignalOptions & { session?: (location: string) => void } = {}): Promise<boolean> {
    return mountBlob(this.wire, repository, digest, fromRepository, opts);
  }

  /** Start an upload session (POST): its Location, for uploadBlob's `location` (lets a caller overlap it with fetching the data). */
  startUpload(repository: string, opts: SignalOptions = {}): Promise<string> {
    return startUpload(this.wire, repository, opts);
  }

  /** Cancel an upload session (best effort: the registry also expires it). */
  cancelUpload(repository: string, location: string, opts: SignalOptions = {}): Promise<void> {
    return cancelUpload(this.wire, repository, location, opts);
  }

  /** Upload a blob: one PUT (monolithic) or PATCH chunks then PUT (chunked). `data` is bytes or a factory for a fresh stream. */
  uploadBlob(repository: string, digest: string, size: number, data: Buffer | (() => Readable), opts: UploadOptions = {}): Promise<void> {
    return uploadBlob(this.wire, repository, digest, size, data, opts);
  }

  /** Referrers of a digest from the OCI 1.1 referrers API; undefined when the registry has no such API (distribution 2.x answers 404). */
  referrersApi(repository: string, digest: string, opts: SignalOptions & { artifactType?: string } = {}): Promise<Descriptor[] | undefined> {
    return fetchReferrers(this.transport, this.host, repository, digest, opts);
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

  /** What the blob and upload helpers talk to. */
  private get wire(): WireTarget {
    return { transport: this.transport, host: this.host };
  }

  /** Writes out what the blob-holders cache learned, then closes the connections. */
  async close(): Promise<void> {
    await this.blobHolders?.flush();
    await this.transport.close();
  }
}

export { parseDescriptor };
