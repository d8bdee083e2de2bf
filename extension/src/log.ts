// The "Dockhand" output channel. Every line goes through the shared redact() (logText.ts):
// no remembered secret, password, token, Authorization header or URL userinfo reaches the log.
import * as vscode from 'vscode';
import { logText } from './logText';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  readonly channel: vscode.LogOutputChannel;
  /** The last lines logged (already redacted), for tests that check no secret is logged. */
  recent(): string[];
}

const KEEP = 500;

export function createLog(): Log {
  const channel = vscode.window.createOutputChannel('Dockhand', { log: true });
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > KEEP) lines.splice(0, lines.length - KEEP);
    return line;
  };
  return {
    channel,
    info: (m) => channel.info(keep(logText(m))),
    warn: (m) => channel.warn(keep(logText(m))),
    error: (m, err) => channel.error(keep(logText(m, err))),
    recent: () => [...lines],
  };
}
