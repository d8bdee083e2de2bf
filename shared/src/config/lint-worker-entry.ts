// The body of the linter's worker thread (see lint-runner.ts): lints what it is sent and
// answers with the result and its thread id. Bundled on its own by the editors.
import { parentPort, threadId } from 'node:worker_threads';
import { lintConfig } from './lint';
import type { LintOptions, LintResult } from './types';

export interface LintRequest {
  id: number;
  input: string | Uint8Array;
  options: LintOptions;
}
export interface LintReply {
  id: number;
  result: LintResult;
  threadId: number;
}

parentPort?.on('message', (req: LintRequest) => {
  const reply: LintReply = { id: req.id, result: lintConfig(req.input, req.options), threadId };
  parentPort!.postMessage(reply);
});
