// Where pushArchive sends blobs and manifests: the registry, through Dockhand's registry
// client (registry/client.ts: auth challenges, Bearer/Basic from the CredentialProvider,
// TLS like Docker, retries, digest check of the stored manifest).
import { Transform } from 'node:stream';
import type { CredentialSource } from '../credentials/types';
import { RegistryClient, type RegistryClientOptions } from '../registry/client';
import type { BlobSource } from './archive-source';

export interface BlobSink {
  hasBlob(repo: string, digest: string, signal?: AbortSignal): Promise<boolean>;
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
  return {
    async hasBlob(repo, digest, signal) {
      return (await client.headBlob(repo, digest, { signal })) !== undefined;
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
      await client.uploadBlob(repo, blob.digest, blob.size, open, { signal });
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
