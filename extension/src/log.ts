// The "Dockhand" output channel. Every line goes through redact(): no password, token,
// Authorization header or URL userinfo ever reaches the log.
import * as vscode from 'vscode';
import { redact } from './redact';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  readonly channel: vscode.LogOutputChannel;
}

export function createLog(): Log {
  const channel = vscode.window.createOutputChannel('Dockhand', { log: true });
  return {
    channel,
    info: (m) => channel.info(redact(m)),
    warn: (m) => channel.warn(redact(m)),
    error: (m, err) => channel.error(redact(err === undefined ? m : `${m}: ${describe(err)}`)),
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
