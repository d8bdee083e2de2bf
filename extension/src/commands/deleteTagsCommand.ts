// Delete… and Untag… on several selected tags at once (issue 15 item 10): one combined preview
// (multiDeletePlan.ts) of what each choice removes, "Remove Only These Tags" first (the
// dialog's default, Enter), deleting the manifests an explicit, labelled choice. Runs every
// step even when one fails and says which failed.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { TagNode } from '../tree/nodes';
import { explainFailure } from '../errors/failureWording';
import {
  planMultiDelete,
  multiDeleteDetail,
  multiDeleteLabels,
  multiDeleteTitle,
  type MultiDeletePlan,
  type SelectedTag,
} from './multiDeletePlan';

export type MultiChoice = 'delete' | 'untag' | 'cancel';

export interface MultiDeleteResult {
  choice: MultiChoice;
  plan: MultiDeletePlan;
  /** host/repo:tag untagged, or host/repo@digest deleted. */
  done: string[];
  failed: Array<{ what: string; error: string }>;
}

/** Resolves each selected tag's digest and the tags sharing it, and what deleting would orphan. */
async function readSelection(s: Services, nodes: readonly TagNode[], signal: AbortSignal): Promise<MultiDeletePlan> {
  const byDigest = new Map<string, Promise<string[]>>();
  const selected: SelectedTag[] = [];
  for (const n of nodes) {
    signal.throwIfAborted();
    const digest = (await s.registry.getManifest(n.target, n.repo, n.tag, signal)).digest;
    const k = `${n.target.host}/${n.repo}@${digest}`;
    if (!byDigest.has(k)) byDigest.set(k, s.registry.tagsWithDigest(n.target, n.repo, digest, signal));
    selected.push({ host: n.target.host, repo: n.repo, tag: n.tag, digest, tagsOfDigest: await byDigest.get(k)! });
  }
  const plan = planMultiDelete(selected);
  for (const m of plan.manifests) {
    const target = nodes.find((n) => n.target.host === m.host)!.target;
    try {
      m.orphans = (await s.registry.planAttachmentRemoval(target, m.repo, m.digest, signal)).orphans.length;
    } catch {
      // Not knowing what would be orphaned does not block the delete (as for one tag).
    }
  }
  return plan;
}

/** The preview and, unless `answer` is given (tests), the dialog; then the chosen steps. */
export async function deleteSeveralTags(s: Services, tree: RegistriesTreeProvider, nodes: readonly TagNode[], answer?: MultiChoice): Promise<MultiDeleteResult> {
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading ${nodes.length} selected tags`, cancellable: true },
    (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return readSelection(s, nodes, ac.signal);
    },
  );
  let choice = answer;
  if (!choice) {
    const labels = multiDeleteLabels(plan);
    // The first button is the default (Enter): removing only the selected tags keeps the most.
    const picked = await vscode.window.showWarningMessage(multiDeleteTitle(plan), { modal: true, detail: multiDeleteDetail(plan) }, labels.untag, labels.delete);
    choice = picked === labels.untag ? 'untag' : picked === labels.delete ? 'delete' : 'cancel';
  }
  const result: MultiDeleteResult = { choice, plan, done: [], failed: [] };
  if (choice === 'cancel') return result;
  const targetOf = (host: string) => nodes.find((n) => n.target.host === host)!.target;
  const step = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
      result.done.push(what);
    } catch (err) {
      result.failed.push({ what, error: explainFailure(err).text });
    }
  };
  if (choice === 'untag') {
    for (const u of plan.untag) await step(`${u.host}/${u.repo}:${u.tag}`, () => s.registry.untag(targetOf(u.host), u.repo, u.tag));
  } else {
    for (const m of plan.manifests) await step(`${m.host}/${m.repo}@${m.digest}`, () => s.registry.deleteManifest(targetOf(m.host), m.repo, m.digest));
  }
  for (const r of new Set(plan.untag.map((u) => `${u.host}\n${u.repo}`))) {
    const [host, repo] = r.split('\n') as [string, string];
    tree.invalidate(targetOf(host), repo);
  }
  s.log.info(`${choice === 'untag' ? 'untagged' : 'deleted'}: ${result.done.join(', ') || 'nothing'}${result.failed.length ? `; failed: ${result.failed.map((f) => `${f.what} (${f.error})`).join('; ')}` : ''}`);
  const doneText =
    choice === 'untag'
      ? `Removed ${result.done.length} of ${plan.untag.length} tags.`
      : `Deleted ${result.done.length} of ${plan.manifests.length} manifests and their tags.`;
  if (result.failed.length) {
    void vscode.window.showErrorMessage(`${doneText} ${result.failed.length} failed: ${result.failed[0]!.what}: ${result.failed[0]!.error}`);
  } else void vscode.window.showInformationMessage(doneText);
  return result;
}

/** Untag… on several tags: a confirmation listing them (Cancel is the default), then the untag steps. */
export async function untagSeveralTags(s: Services, tree: RegistriesTreeProvider, nodes: readonly TagNode[], confirmed: boolean): Promise<MultiDeleteResult | undefined> {
  if (!confirmed) {
    const names = nodes.slice(0, 20).map((n) => `  • ${n.target.host}/${n.repo}:${n.tag}`);
    if (nodes.length > names.length) names.push(`  • … and ${nodes.length - names.length} more`);
    const label = `Untag ${nodes.length} Tags`;
    const ok = await vscode.window.showWarningMessage(
      `Remove ${nodes.length} tags?`,
      { modal: true, detail: `Only these tags are removed; the images and any other tags pointing at them stay.\n\n${names.join('\n')}` },
      label,
    );
    if (ok !== label) return undefined;
  }
  return deleteSeveralTags(s, tree, nodes, 'untag');
}
