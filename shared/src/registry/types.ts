// The registry client's option and result types.
import type { Readable } from 'node:stream';
import type { TransportOptions } from '../transport/transport';
import type { Manifest } from './manifest';
import type { ConfigSummary } from './image-config';
import type { OperationOptions } from './progress';

/** The transport's options (TLS, insecure, credentials, retries, timeouts), with the registry named `host`. */
export interface RegistryClientOptions extends Omit<TransportOptions, 'registry'> {
  /** Registry host as in references: "127.0.0.1:5000", "ghcr.io", "docker.io" (a scheme is tolerated and dropped). */
  host: string;
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

export interface UploadOptions extends OperationOptions {
  /** Upload in PATCH chunks of this many bytes instead of one PUT. */
  chunkSize?: number;
  /** Called with byte counts as the upload proceeds. */
  onBytes?: (n: number) => void;
  /** An upload session already started with startUpload (its Location): no POST is sent. */
  location?: string;
}

export interface BlobStream {
  stream: Readable;
  /** Content-Length, when the registry sent it. */
  size?: number;
}
