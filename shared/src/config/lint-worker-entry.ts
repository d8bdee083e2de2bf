// The body of the linter's worker thread (see lint-runner.ts): lints what it is sent and
// answers with the result and its thread id. Bundled on its own by the editors.
import { parentPort, threadId } from 'node:worker_threads';
import { lintConfig } from './lint';
import { nodeFileChecker, type NodeFileCheckerOptions } from './files/node-file-checker';
import { localPortNames } from './files/services';
import type { LintOptions, LintResult } from './types';

export interface LintRequest {
  id: number;
  input: string | Uint8Array;
  /** Options without functions (they cross a thread boundary). */
  options: Omit<LintOptions, 'files'>;
  /** Check the files the config names (and port names against /etc/services), from here. */
  files?: NodeFileCheckerOptions;
}
export interface LintReply {
  id: number;
  result: LintResult;
  threadId: number;
}

parentPort?.on('message', (req: LintRequest) => {
  const reply: LintReply = {
    id: req.id,
    result: lintConfig(req.input, {
      ...req.options,
      files: req.files ? nodeFileChecker(req.files) : undefined,
      portNames: req.files ? localPortNames() : undefined,
    }),
    threadId,
  };
  parentPort!.postMessage(reply);
});
