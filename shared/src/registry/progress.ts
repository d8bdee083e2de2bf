// Progress events every long registry operation may report (copy, upload, delete). The local engine's push and
// pull progress is another shape with its own name: EngineProgressEvent (engine/types.ts).
export interface RegistryProgressEvent {
  /** e.g. "manifest", "blob", "mount", "skip", "upload", "delete", "tag". */
  phase: string;
  message: string;
  digest?: string;
  bytesDone?: number;
  bytesTotal?: number;
}

export type ProgressCallback = (event: RegistryProgressEvent) => void;

/** Options every operation takes. */
export interface OperationOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}
