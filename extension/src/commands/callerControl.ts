// What a programmatic caller of a long-running command (another extension, the in-host
// tests) may pass besides the destination: its own AbortSignal, honoured like the
// notification's Cancel button, and a listener for the progress events.
import type * as vscode from 'vscode';

export interface CallerControl<E> {
  signal?: AbortSignal;
  onProgress?: (e: E) => void;
}

/** One signal that aborts when the progress notification is cancelled or `extra` aborts. */
export function cancelSignal(token: vscode.CancellationToken, extra?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  return extra ? AbortSignal.any([controller.signal, extra]) : controller.signal;
}
