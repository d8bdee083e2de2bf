// The clean-up plan and its result in the editor's words before they become the Markdown
// document: the core's reasons and step errors name command-line flags ("not a version (--sort
// semver)", "(purge --orphans checks …)"); editorWords (failureWording.ts) turns them into
// what the Clean Up… prompts call them. Pure (no vscode).
import type { ApplyResult, PurgePlan } from '@dockhand/shared/cleanup';
import { redact } from '@dockhand/shared/credentials';
import { editorWords } from './failureWording';

export function planForEditor(plan: PurgePlan): PurgePlan {
  return { ...plan, tags: plan.tags.map((t) => ({ ...t, reason: editorWords(t.reason) })), notes: plan.notes.map(editorWords) };
}

export function resultForEditor(result: ApplyResult): ApplyResult {
  return {
    ...result,
    failed: result.failed.map((f) => ({ ...f, error: editorWords(redact(f.error)) })),
    skipped: result.skipped.map((s) => ({ ...s, reason: editorWords(s.reason) })),
  };
}
