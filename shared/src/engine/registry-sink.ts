// Where pushArchive sends blobs and manifests: the registry, through Dockhand's registry
// client (registry/client.ts: auth challenges, Bearer/Basic from the CredentialProvider,
// TLS like Docker, retries, digest check of the stored manifest).
import { Transform } from 'node:stream';
import type { CredentialSource } from '../credentials/types';
import { RegistryClient, type RegistryClientOptions } from '../registry/client';
import type { BlobSource } from './archive-source';
import { mountBlobFromHolders } from '../registry/blob-mount';

export interface BlobSink {
  hasBlob(repo: string, digest: string, signal?: AbortSignal): Promise<boolean>;
  /** Mount it from a repository of the registry seen holding it: the repository it came from, or undefined (then upload it). */
  mountBlob(repo: string, digest: string, signal?: AbortSignal): Promise<string | undefined>;
  /** onBytes gets the running total of bytes sent. */
  uploadBlob(repo: string, blob: BlobSource, onBytes: (done: number) => void, signal?: AbortSignal): Promise<void>;
  /** PUT a manifest by tag or digest; returns its digest. */
  putManifest(repo: string, reference: string, mediaType: string, bytes: Buffer, signal?: AbortSignal): Promise<string>;
  /** The source of the credential used (for `repo`, where a namespaced entry may apply). */
  credentialSource(repo?: string): Promise<CredentialSource | undefined>;
  close(): Promise<void>;
}

export function createRegistrySink(opts: RegistryClientOptions): BlobSink {
  const client = new RegistryClient(opts);
  const seen = (repo: string, digest: string) => client.blobHolders?.record(client.host, repo, [digest]);
  /** Upload sessions opened by refused mounts, used by the upload that follows. */
  const sessions = new Map<string, string>();
  return {
    async hasBlob(repo, digest, signal) {
      const has = (await client.headBlob(repo, digest, { signal })) !== undefined;
      if (has) seen(repo, digest);
      return has;
    },
    async mountBlob(repo, digest, signal) {
      const outcome = await mountBlobFromHolders(client, repo, digest, { signal });
      if (outcome.location) sessions.set(`${repo}@${digest}`, outcome.location);
      return outcome.mountedFrom;
    },
    async uploadBlob(repo, blob, onBytes, signal) {
      // Count in a paused pipeline (a 'data' listener would start the stream flowing before
      // the HTTP request consumes it).
      const open = () => {
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
      const location = sessions.get(`${repo}@${blob.digest}`);
      sessions.delete(`${repo}@${blob.digest}`);
      await client.uploadBlob(repo, blob.digest, blob.size, open, { signal, ...(location ? { location } : {}) });
      seen(repo, blob.digest);
    },
    async putManifest(repo, reference, mediaType, bytes, signal) {
      return (await client.putManifest(repo, reference, bytes, mediaType, { signal })).digest;
    },
    async credentialSource(repo) {
      return (await client.credential(repo))?.source;
    },
    close: () => client.close(),
  };
}
