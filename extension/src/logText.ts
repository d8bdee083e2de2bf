// The text of one line of the "Dockhand" output channel: the message (and the error's
// message) through the shared redact(), the same redaction as the CLI's error boundary and
// the desktop's error envelope: every secret the process has seen, plain or encoded, and
// secret-shaped fields.
import { redact } from '@dockhand/shared/credentials';

export function logText(message: string, err?: unknown): string {
  return redact(err === undefined ? message : `${message}: ${err instanceof Error ? err.message : String(err)}`);
}
