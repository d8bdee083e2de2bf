// "Analyze Size" and "Clean Up…" on a repository: size analysis as a Markdown document, and
// a retention policy whose plan is shown (document + modal summary) before anything is
// deleted. Both run over @dockhand/shared/cleanup; tests may pass the policy and the answer.
import * as vscode from 'vscode';
import type { RegistryClient } from '@dockhand/shared/registry';
import { clientFor } from '../registry/sharedRegistry';
import {
  analyzeRepository,
  planPurge,
  applyPlan,
  parseDuration,
  retentionPolicyFrom,
  sizeMarkdown,
  planMarkdown,
  formatBytes,
  type PurgePlan,
  type ApplyResult,
  type RepositorySize,
} from '@dockhand/shared/cleanup';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { RepositoryNode } from '../tree/nodes';
import { COMMANDS } from './commandIds';
import { commandRegistrar } from './registerCommand';
import { showWording } from '../errors/showFailure';
import { wordStepFailures } from '../errors/failureWording';
import { planForEditor, resultForEditor } from '../errors/planWording';

export interface CleanUpInput {
  keep?: number;
  olderThan?: string;
  match?: string;
  exclude?: string;
  sort?: 'date' | 'semver';
}

export interface CleanUpOptions {
  policy?: CleanUpInput;
  /** true: apply without asking; false: plan only. Undefined: ask with a modal dialog. */
  confirm?: boolean;
  /** Do not open the plan document (tests). */
  quiet?: boolean;
}

const validRegex = (v: string) => {
  if (!v) return undefined;
  try {
    new RegExp(v);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};
const validDuration = (v: string) => {
  if (!v) return undefined;
  try {
    parseDuration(v);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};

async function askPolicy(node: RepositoryNode): Promise<CleanUpInput | undefined> {
  const title = `Clean up ${node.target.host}/${node.repo}`;
  const ask = (prompt: string, value: string, validateInput: (v: string) => string | undefined) =>
    vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput });
  const keep = await ask('Keep the newest N tags (empty: no limit)', '10', (v) => (v === '' || /^\d+$/.test(v) ? undefined : 'A whole number, or empty'));
  if (keep === undefined) return undefined;
  const olderThan = await ask('Delete only tags older than (e.g. 30d, 720h; empty: any age)', '', validDuration);
  if (olderThan === undefined) return undefined;
  const match = await ask('Only consider tags matching this regular expression (empty: all tags)', '', validRegex);
  if (match === undefined) return undefined;
  const exclude = await ask('Always keep tags matching this regular expression', '^latest$', validRegex);
  if (exclude === undefined) return undefined;
  const sort = await vscode.window.showQuickPick(
    [
      { label: 'date', description: 'newest by image creation date' },
      { label: 'semver', description: 'newest by version (non-version tags are kept)' },
    ],
    { title, placeHolder: 'How is "newest" decided?', ignoreFocusOut: true },
  );
  if (!sort) return undefined;
  return { ...(keep ? { keep: Number(keep) } : {}), olderThan, match, exclude, sort: sort.label as 'date' | 'semver' };
}

/** The shared pool's client for the repository's registry (its ping, credentials and tokens reused). */
function withClient<T>(s: Services, node: RepositoryNode, fn: (c: RegistryClient) => Promise<T>): Promise<T> {
  return fn(clientFor(s.clients, node.target));
}

async function showMarkdown(content: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

export function registerCleanupCommands(s: Services, tree: RegistriesTreeProvider): vscode.Disposable[] {
  const cmd = commandRegistrar(s.log, tree);
  return [
    cmd(
      COMMANDS.analyzeSize,
      async (node: RepositoryNode, opts?: { quiet?: boolean }): Promise<RepositorySize> => {
        const report = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Analyzing ${node.repo}`, cancellable: true },
          (_p, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            return withClient(s, node, (c) => analyzeRepository(c, node.repo, { signal: controller.signal, withCreated: true }));
          },
        );
        s.log.info(`size of ${node.target.host}/${node.repo}: ${report.storedBytes} bytes stored in ${report.tags.length} tags`);
        if (!opts?.quiet) await showMarkdown(sizeMarkdown(report));
        return report;
      },
      {
        describe: (node: RepositoryNode) => ({ what: `Analyzing ${node.repo}`, target: node.target }),
        programmatic: (_n, opts?: unknown) => opts !== undefined,
      },
    ),
    cmd(
      COMMANDS.cleanUp,
      async (node: RepositoryNode, opts: CleanUpOptions = {}): Promise<{ plan: PurgePlan; result?: ApplyResult } | undefined> => {
        const input = opts.policy ?? (await askPolicy(node));
        if (!input) return undefined;
        const policy = retentionPolicyFrom(input);
        const plan = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Planning the clean-up of ${node.repo} (nothing is deleted yet)`, cancellable: true },
          (_p, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            return withClient(s, node, (c) => planPurge(c, node.repo, policy, { signal: controller.signal }));
          },
        );
        if (!opts.quiet) await showMarkdown(planMarkdown(planForEditor(plan)));
        const removing = plan.tags.filter((t) => t.action !== 'keep').length;
        if (removing === 0) {
          void vscode.window.showInformationMessage(`Nothing to clean up in ${node.repo}: the policy keeps all ${plan.tags.length} tags.`);
          return { plan };
        }
        let go = opts.confirm;
        if (go === undefined) {
          const button = `Delete ${plan.deleteManifests.length} Manifests, Untag ${plan.untag.length}`;
          const picked = await vscode.window.showWarningMessage(
            `Clean up ${node.target.host}/${node.repo}?`,
            {
              modal: true,
              detail: `${removing} of ${plan.tags.length} tags go (${plan.untag.length} only untagged because a kept tag shares their manifest); ${plan.surviving.length} stay. Garbage collection would then free about ${formatBytes(plan.freed.bytes)}. The plan is open beside.`,
            },
            button,
          );
          go = picked === button;
        }
        if (!go) return { plan };
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Cleaning up ${node.repo}`, cancellable: true },
          (progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            return withClient(s, node, (c) =>
              applyPlan(c, plan, {
                signal: controller.signal,
                onProgress: (e) => {
                  if (e.status !== 'start')
                    progress.report({ increment: 100 / e.total, message: `${e.step.action} ${e.step.target.slice(0, 19)}: ${e.status}` });
                },
              }),
            );
          },
        );
        s.log.info(
          `clean-up of ${node.target.host}/${node.repo}: deleted ${result.deleted.length}, untagged ${result.untagged.length}, failed ${result.failed.length}, skipped ${result.skipped.length}`,
        );
        tree.invalidate(node.target, node.repo);
        if (!opts.quiet) await showMarkdown(planMarkdown(planForEditor(plan), resultForEditor(result)));
        const summary = `Deleted ${result.deleted.length} manifests and untagged ${result.untagged.length} tags in ${node.repo}.`;
        if (result.failed.length || result.skipped.length) {
          const w = wordStepFailures(`Cleaning up ${node.repo}`, node.target.host, result.failed, result.skipped);
          void showWording({ ...w, message: `${w.message} ${summary}` }, { what: `Cleaning up ${node.repo}`, target: node.target });
        } else void vscode.window.showInformationMessage(`${summary} ${result.garbageCollectHint}`);
        return { plan, result };
      },
      {
        describe: (node: RepositoryNode) => ({ what: `Cleaning up ${node.repo}`, target: node.target }),
        programmatic: (_n, opts?: unknown) => opts !== undefined,
      },
    ),
  ];
}
