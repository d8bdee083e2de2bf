// The CLI's output streams as the commands see them: every string written is escaped
// (format/terminal-text.ts) unless the stream carries exact machine output (--json, or raw
// bytes piped elsewhere). Buffers are data (`dockhand manifest` prints the stored bytes):
// written as they are, except to a terminal, where they are shown escaped too.
import { escapeTerminalText } from '../format/terminal-text';
import { redact } from '../credentials/redact';

type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * `stream`, with writes escaped for a human (unless `exact`) and a writeControl() for the
 * program's own sequences. With `redactSecrets` (stderr: errors, warnings, progress), text
 * also goes through redact().
 */
export function terminalOutput<S extends Out>(stream: S, opts: { exact: boolean; redactSecrets?: boolean }): S {
  const escape = (chunk: unknown): unknown => {
    if (opts.exact) return chunk;
    if (typeof chunk === 'string') return escapeTerminalText(opts.redactSecrets ? redact(chunk) : chunk);
    if (chunk instanceof Uint8Array && stream.isTTY) return escapeTerminalText(Buffer.from(chunk).toString('utf8'));
    return chunk;
  };
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === 'write') return (chunk: unknown, ...rest: unknown[]) => (target.write as (...a: unknown[]) => boolean)(escape(chunk), ...rest);
      if (prop === 'writeControl')
        return (sequence: string) => {
          target.write(sequence);
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
