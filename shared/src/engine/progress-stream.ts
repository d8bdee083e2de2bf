// The Engine API's progress stream (pull, push): newline-delimited JSON messages like
//   {"status":"Pushing","progressDetail":{"current":512,"total":1024},"id":"a1b2c3"}
//   {"progressDetail":{},"aux":{"Tag":"1.2","Digest":"sha256:...","Size":527}}
//   {"errorDetail":{"message":"denied: ..."},"error":"denied: ..."}
// turned into EngineProgressEvent objects. An error line (which arrives inside an HTTP 200) ends
// the stream with StreamFailure carrying the engine's message; callers classify it.
import type { LayerState, EngineProgressEvent } from './types';

export interface EngineMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: { Tag?: string; Digest?: string; Size?: number };
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

export class StreamFailure extends Error {
  override name = 'StreamFailure';
}

const LAYER_STATES: [RegExp, LayerState][] = [
  [/^Preparing$/, 'preparing'],
  [/^Waiting$/, 'waiting'],
  [/^Pushing$/, 'pushing'],
  [/^Pushed$/, 'pushed'],
  [/^Layer already exists$/, 'exists'],
  [/^Already exists$/, 'exists'],
  [/^Mounted from /, 'mounted'],
  [/^Pulling fs layer$/, 'pulling'],
  [/^Downloading$/, 'downloading'],
  [/^Verifying Checksum$/, 'downloading'],
  [/^Download complete$/, 'downloading'],
  [/^Extracting$/, 'extracting'],
  [/^Pull complete$/, 'pulled'],
  [/^Retrying in /, 'waiting'],
];

/** One parsed message to zero or one event. Throws StreamFailure for an error message. */
export function toProgressEvent(msg: EngineMessage): EngineProgressEvent | undefined {
  if (msg.error || msg.errorDetail) {
    throw new StreamFailure(msg.errorDetail?.message || msg.error || 'unknown error from the engine');
  }
  if (msg.aux && typeof msg.aux.Digest === 'string') {
    return { kind: 'digest', digest: msg.aux.Digest, size: typeof msg.aux.Size === 'number' ? msg.aux.Size : undefined, tag: msg.aux.Tag };
  }
  const status = typeof msg.status === 'string' ? msg.status : undefined;
  if (!status) return undefined;
  if (msg.id) {
    for (const [re, state] of LAYER_STATES) {
      if (re.test(status)) {
        const d = msg.progressDetail ?? {};
        const ev: EngineProgressEvent = { kind: 'layer', id: msg.id, state };
        if (typeof d.current === 'number') ev.current = d.current;
        if (typeof d.total === 'number' && d.total > 0) ev.total = d.total;
        return ev;
      }
    }
    // "1.2: Pulling from team/app", "Image is up to date", ...
    return { kind: 'status', message: `${msg.id}: ${status}` };
  }
  return { kind: 'status', message: status };
}

/** Pull the digest out of "Digest: sha256:..." (pull) or "1.2: digest: sha256:... size: 527" (push). */
export function digestFromStatus(message: string): { digest: string; size?: number } | undefined {
  const m = /(?:^|\s)[Dd]igest: (sha256:[0-9a-f]{64})(?: size: (\d+))?/.exec(message);
  if (!m) return undefined;
  return { digest: m[1], size: m[2] ? Number(m[2]) : undefined };
}

/**
 * Read a progress stream to its end, calling onEvent for each event in order. Resolves with
 * every event seen; rejects with StreamFailure on an error message, or with the stream's
 * own error (e.g. when the request is aborted).
 */
export function readProgressStream(stream: NodeJS.ReadableStream, onEvent: (e: EngineProgressEvent) => void): Promise<EngineProgressEvent[]> {
  return new Promise((resolve, reject) => {
    const events: EngineProgressEvent[] = [];
    let buffered = '';
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      if (err) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        reject(err);
      } else {
        resolve(events);
      }
    };
    const handleLine = (line: string) => {
      const text = line.trim();
      if (!text) return;
      let msg: EngineMessage;
      try {
        msg = JSON.parse(text) as EngineMessage;
      } catch {
        throw new StreamFailure(`unexpected output from the engine: ${text.slice(0, 200)}`);
      }
      if (typeof msg !== 'object' || msg === null) return;
      const ev = toProgressEvent(msg);
      if (ev) {
        events.push(ev);
        onEvent(ev);
      }
    };
    stream.on('data', (chunk: Buffer | string) => {
      if (done) return;
      buffered += chunk.toString();
      let nl: number;
      try {
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          handleLine(line);
        }
      } catch (err) {
        finish(err as Error);
      }
    });
    stream.on('end', () => {
      try {
        handleLine(buffered);
        buffered = '';
        finish();
      } catch (err) {
        finish(err as Error);
      }
    });
    stream.on('error', (err: Error) => finish(err));
    stream.on('close', () => {
      if (!done) finish(new StreamFailure('the engine closed the progress stream before it finished'));
    });
  });
}
