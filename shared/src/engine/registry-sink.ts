// Where pushArchive sends blobs and manifests: the registry, through Dockhand's HTTP
// transport (auth challenges, Bearer/Basic from the CredentialProvider, TLS like Docker,
// retries). Monolithic uploads: POST /blobs/uploads/ then PUT <location>?digest=.
import { Transform } from 'node:stream';
import type { CredentialSource } from '../credentials/types';
import { Transport, type TransportOptions } from '../transport/transport';
import type { BlobSource } from './archive-source';

export interface BlobSink {
  hasBlob(repo: string, digest: string, signal?: AbortSignal): Promise<boolean>;
  uploadBlob(repo: string, blob: BlobSource, onBytes: (done: number) => void, signal?: AbortSignal): Promise<void>;
  /** PUT a manifest by tag or digest; returns the digest the registry reports. */
  putManifest(repo: string, reference: string, mediaType: string, bytes: Buffer, signal?: AbortSignal): Promise<string | undefined>;
  credentialSource(): Promise<CredentialSource | undefined>;
  close(): Promise<void>;
}

export function createRegistrySink(opts: TransportOptions): BlobSink {
  const t = new Transport(opts);
  const scopes = (repo: string) => [`repository:${repo}:pull,push`];
  return {
    async hasBlob(repo, digest, signal) {
      const res = await t.request({ method: 'HEAD', path: `/v2/${repo}/blobs/${digest}`, repository: repo, scopes: scopes(repo), signal, okStatus: [200, 404], what: `checking blob ${digest.slice(0, 19)} in ${opts.registry}/${repo}` });
      await res.body.dump().catch(() => undefined);
      return res.status === 200;
    },
    async uploadBlob(repo, blob, onBytes, signal) {
      const start = await t.request({ method: 'POST', path: `/v2/${repo}/blobs/uploads/`, repository: repo, scopes: scopes(repo), signal, okStatus: [202], what: `starting the upload of ${blob.digest.slice(0, 19)} to ${opts.registry}/${repo}`, headers: { 'content-length': '0' } });
      await start.body.dump().catch(() => undefined);
      const location = start.headers.location;
      if (typeof location !== 'string' || !location) throw new Error(`${opts.registry} started an upload without a Location header`);
      const url = new URL(location, start.url);
      url.searchParams.set('digest', blob.digest);
      const body = () => {
        let done = 0;
        const counter = new Transform({
          transform(chunk: Buffer, _e, cb) {
            done += chunk.length;
            onBytes(done);
            cb(null, chunk);
          },
        });
        const src = blob.open();
        src.on('error', (e) => counter.destroy(e));
        return src.pipe(counter);
      };
      const put = await t.request({
        method: 'PUT', path: url.toString(), repository: repo, scopes: scopes(repo), signal, okStatus: [201, 204],
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
        body, what: `uploading blob ${blob.digest.slice(0, 19)} to ${opts.registry}/${repo}`,
      });
      await put.body.dump().catch(() => undefined);
    },
    async putManifest(repo, reference, mediaType, bytes, signal) {
      const res = await t.request({
        method: 'PUT', path: `/v2/${repo}/manifests/${reference}`, repository: repo, scopes: scopes(repo), signal, okStatus: [201, 200, 204],
        headers: { 'content-type': mediaType }, body: bytes, what: `putting manifest ${opts.registry}/${repo}:${reference}`,
      });
      await res.body.dump().catch(() => undefined);
      const d = res.headers['docker-content-digest'];
      return typeof d === 'string' ? d : undefined;
    },
    async credentialSource() {
      return (await t.credential())?.source;
    },
    close: () => t.close(),
  };
}
