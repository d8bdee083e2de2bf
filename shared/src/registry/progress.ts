// Progress events every long operation may report (copy, upload, delete).
export interface ProgressEvent {
  /** e.g. "manifest", "blob", "mount", "skip", "upload", "delete", "tag". */
  phase: string;
  message: string;
  digest?: string;
  bytesDone?: number;
  bytesTotal?: number;
}

export type ProgressCallback = (event: ProgressEvent) => void;

/** Options every operation takes. */
export interface OperationOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}
