// Commands that change a registry: retag (server-side), copy to another registry or
// repository (with progress), delete a tag's manifest (listing the sibling tags that die
// with it) and untag-only. Every destructive one asks first with a modal dialog; tests may
// pass the answer instead.
import { explainFailure } from '../errors/failureWording';
import * as vscode from 'vscode';
import { attachmentsGoingAlong } from './attachmentCommands';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { TagNode } from '../tree/nodes';
import { registryProgressReporter } from './progressReporter';
import { pickRegistry } from './pickRegistry';
import { validateRepoTag } from './validateRepoTag';
import { selectedNode, selectedNodes, isNodeList } from '../tree/selection';
import { deleteSeveralTags, untagSeveralTags, type MultiChoice } from './deleteTagsCommand';
import { cancelSignal, type CallerControl } from './callerControl';
import type { RegistryProgressEvent as RegistryProgress } from '@dockhand/shared/registry';
import { COMMANDS } from './commandIds';
import { commandRegistrar } from './registerCommand';
import { deleteWithLabel, orphanDetail } from './orphanText';

const TAG_RE = /^[\w][\w.-]{0,127}$/;

export interface DeleteAnswer {
  /** 'delete': the manifest and every tag on it (its attachments stay, orphaned); 'delete-with-attachments': and its attachments; 'untag': only this tag; 'cancel'. */
  confirm: 'delete' | 'delete-with-attachments' | 'untag' | 'cancel';
}

function isDeleteAnswer(a: unknown): a is DeleteAnswer {
  return (
    typeof a === 'object' && a !== null && !Array.isArray(a) && ['delete', 'delete-with-attachments', 'untag', 'cancel'].includes((a as DeleteAnswer).confirm)
  );
}

/** What a failed command was doing, for its error message. */
function describe(verb: string, given: TagNode | undefined) {
  const node = selectedNode(given, 'tag');
  return node ? { what: `${verb} ${node.repo}:${node.tag}`, target: node.target } : undefined;
}

export function registerTagCommands(s: Services, tree: RegistriesTreeProvider): vscode.Disposable[] {
  const cmd = commandRegistrar(s.log, tree);
  const refreshRepo = (node: TagNode) => tree.invalidate(node.target, node.repo);
  return [
    cmd(
      COMMANDS.retag,
      async (given: TagNode | undefined, newTag?: string) => {
        const node = selectedNode(given, 'tag');
        if (!node) return;
        const tag =
          newTag ??
          (await vscode.window.showInputBox({
            title: `Retag ${node.repo}:${node.tag}`,
            prompt: `New tag in ${node.target.host}/${node.repo} (same manifest, no data copied)`,
            value: node.tag,
            ignoreFocusOut: true,
            validateInput: (v) => (TAG_RE.test(v) ? undefined : 'A tag is up to 128 letters, digits, _ . - (not starting with . or -)'),
          }));
        if (!tag || tag === node.tag) return;
        const digest = await s.registry.retag(node.target, node.repo, node.tag, tag);
        s.log.info(`retagged ${node.target.host}/${node.repo}:${node.tag} as :${tag} (${digest})`);
        refreshRepo(node);
        void vscode.window.showInformationMessage(`Tagged ${node.repo}:${tag} (${digest.slice(0, 19)}).`);
        return digest;
      },
      { describe: (given: TagNode | undefined) => describe('Retagging', given), programmatic: (_g, newTag?: string) => newTag !== undefined },
    ),
    cmd(
      COMMANDS.copyImage,
      async (given: TagNode | undefined, dest?: { registry: string; repoTag: string } & CallerControl<RegistryProgress>) => {
        const node = selectedNode(given, 'tag');
        if (!node) return;
        let target = dest ? tree.registryNode(dest.registry)?.target : undefined;
        if (!target) {
          const r = await pickRegistry(tree, undefined, `Copy ${node.repo}:${node.tag} to registry`, node.target.host);
          if (!r) return;
          target = r.target;
        }
        // Into the image's own registry the same name would be the image itself: offer no value
        // there (another registry gets the same name, the usual copy).
        const sameRegistry = target.host === node.target.host;
        const source = `${node.repo}:${node.tag}`;
        const validate = (v: string) =>
          validateRepoTag(v) ?? (sameRegistry && v === source ? `That is ${source} itself: choose another repository or tag (or another registry)` : undefined);
        const along = dest?.repoTag ? '' : await attachmentsGoingAlong(tree, node);
        const repoTag =
          dest?.repoTag ??
          (await vscode.window.showInputBox({
            title: `Copy ${node.target.host}/${source} to ${target.host}`,
            prompt: `${sameRegistry ? `Repository and tag in ${target.host} (not ${source}, the image itself)` : `Repository and tag in ${target.host}`}${along ? `; ${along}` : ''}`,
            value: sameRegistry ? '' : source,
            placeHolder: sameRegistry ? `${node.repo}-copy:${node.tag}` : undefined,
            ignoreFocusOut: true,
            validateInput: validate,
          }));
        if (!repoTag) return;
        const err = validateRepoTag(repoTag);
        if (err) throw new Error(err);
        const i = repoTag.lastIndexOf(':');
        const dst = { t: target, repo: repoTag.slice(0, i), tag: repoTag.slice(i + 1) };
        const what = `${node.target.host}/${node.repo}:${node.tag} → ${dst.t.host}/${dst.repo}:${dst.tag}`;
        const digest = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Copying ${what}`, cancellable: true },
          (progress, token) => {
            const report = registryProgressReporter(progress);
            return s.registry.copy({ t: node.target, repo: node.repo, reference: node.tag }, dst, {
              signal: cancelSignal(token, dest?.signal),
              onProgress: (e) => {
                report(e);
                dest?.onProgress?.(e);
              },
            });
          },
        );
        s.log.info(`copied ${what} (${digest})`);
        tree.invalidate(dst.t, dst.repo, { catalog: true });
        void vscode.window.showInformationMessage(`Copied to ${dst.t.host}/${dst.repo}:${dst.tag}.`);
        return digest;
      },
      { describe: (given: TagNode | undefined) => describe('Copying', given), programmatic: (_g, dest?: unknown) => dest !== undefined },
    ),
    cmd(
      COMMANDS.deleteTag,
      async (given: TagNode | undefined, second?: DeleteAnswer | TagNode[], third?: DeleteAnswer) => {
        // Several selected tags: one combined preview (deleteTagsCommand.ts).
        const many = selectedNodes(given, second, 'tag');
        const answer = isNodeList(second) ? third : second;
        if (many.length > 1) {
          const a = isDeleteAnswer(answer) ? answer.confirm : undefined;
          // The combined preview counts what would be orphaned but offers no attachment deletion (one tag at a time does).
          if (a === 'delete-with-attachments') throw new Error('Deleting several tags with their attachments is not offered: delete them one at a time.');
          return deleteSeveralTags(s, tree, many, a as MultiChoice | undefined);
        }
        const node = selectedNode(many[0] ?? given, 'tag');
        if (!node) return;
        const ref = `${node.target.host}/${node.repo}:${node.tag}`;
        const digest = (await s.registry.getManifest(node.target, node.repo, node.tag)).digest;
        const tags = await s.registry.tagsWithDigest(node.target, node.repo, digest);
        const siblings = tags.filter((t) => t !== node.tag);
        // What deleting the manifest would orphan (the CLI's rm lists it too); not knowing does not block the delete.
        let removal: Awaited<ReturnType<typeof s.registry.planAttachmentRemoval>> | undefined;
        let removalError = '';
        try {
          removal = await s.registry.planAttachmentRemoval(node.target, node.repo, digest);
        } catch (err) {
          removalError = explainFailure(err).text.replace(/\.$/, '');
        }
        const orphans = removal?.orphans ?? [];
        // Only a real answer object skips the dialog (a keybinding or a menu passes nodes, never one).
        let choice = isDeleteAnswer(answer) ? answer.confirm : undefined;
        if (!choice) {
          // The first button is the dialog's default (Enter): the choice that keeps the most.
          // Deleting the manifest is never the default and its button says what it removes.
          const short = digest.slice(0, 19);
          const detail = siblings.length
            ? `${siblings.length} other tag(s) point at the same image (${digest}):\n\n${siblings.map((t) => `  • ${node.repo}:${t}`).join('\n')}\n\n"Remove Only This Tag" removes :${node.tag} and keeps them. Deleting the manifest removes the image and every one of its tags.`
            : `No other tag points at this image (${digest}). "Remove Only This Tag" removes :${node.tag}; the image stays until garbage collection. Deleting the manifest removes the image.`;
          const untagLabel = 'Remove Only This Tag';
          const deleteLabel = siblings.length ? `Delete Manifest ${short}… and All ${tags.length} Tags` : `Delete Manifest ${short}…`;
          const withLabel = deleteWithLabel(short, orphans.length);
          const orphanText = removalError
            ? `\n\nCould not list its signatures, SBOMs and attestations (${removalError}); deleting the manifest may leave some behind as orphans.`
            : orphanDetail(orphans, withLabel);
          const buttons = orphans.length ? [untagLabel, deleteLabel, withLabel] : [untagLabel, deleteLabel];
          const picked = await vscode.window.showWarningMessage(`Delete ${ref}?`, { modal: true, detail: detail + orphanText }, ...buttons);
          choice =
            picked === untagLabel ? 'untag' : picked === deleteLabel ? 'delete' : picked === withLabel && orphans.length ? 'delete-with-attachments' : 'cancel';
        }
        const orphanDigests = orphans.map((o) => o.digest);
        if (choice === 'cancel') return { deleted: false, siblings, digest, orphans: orphanDigests };
        if (choice === 'untag') {
          await s.registry.untag(node.target, node.repo, node.tag);
          s.log.info(`untagged ${ref} (kept ${digest} for ${siblings.join(', ') || 'no other tag'})`);
        }
        let removed: { deleted: string[]; failed: Array<{ digest: string; error: string }> } | undefined;
        if (choice === 'delete' || choice === 'delete-with-attachments') {
          // The image first, then its attachments: a failure midway leaves orphans, never an unsigned image.
          await s.registry.deleteManifest(node.target, node.repo, digest);
          s.log.info(`deleted ${node.target.host}/${node.repo}@${digest} (tags: ${tags.join(', ')})`);
          if (choice === 'delete-with-attachments' && removal?.steps.length) {
            removed = await s.registry.deleteAttachments(node.target, node.repo, removal.steps);
            s.log.info(
              `deleted ${removed.deleted.length} attachment manifest(s) of ${digest}${removed.failed.length ? `; ${removed.failed.length} failed: ${removed.failed.map((f) => f.error).join('; ')}` : ''}`,
            );
          }
        }
        refreshRepo(node);
        const attachedWords = removed
          ? ` and its attachments${removed.failed.length ? ` (${removed.failed.length} could not be deleted)` : ''}`
          : orphans.length && choice === 'delete'
            ? `; left ${orphans.length} attachment(s) orphaned in the registry`
            : '';
        void vscode.window.showInformationMessage(
          choice === 'untag'
            ? `Removed tag ${node.repo}:${node.tag}.`
            : `Deleted ${node.repo}@${digest.slice(0, 19)} and ${tags.length} tag(s)${attachedWords}.`,
        );
        return {
          deleted: choice !== 'untag',
          untagged: choice === 'untag',
          siblings,
          digest,
          orphans: orphanDigests,
          ...(removed ? { attachmentsDeleted: removed.deleted, attachmentsFailed: removed.failed } : {}),
        };
      },
      {
        describe: (given: TagNode | undefined) => describe('Deleting', given),
        programmatic: (_g, second?: unknown, third?: unknown) => isDeleteAnswer(second) || isDeleteAnswer(third),
      },
    ),
    cmd(
      COMMANDS.untag,
      async (given: TagNode | undefined, second?: { confirm?: boolean } | TagNode[], third?: { confirm?: boolean }) => {
        const many = selectedNodes(given, second, 'tag');
        const opts = isNodeList(second) ? third : (second as { confirm?: boolean } | undefined);
        if (many.length > 1) return untagSeveralTags(s, tree, many, opts?.confirm === true);
        const node = selectedNode(many[0] ?? given, 'tag');
        if (!node) return;
        if (!opts?.confirm) {
          const ok = await vscode.window.showWarningMessage(
            `Remove the tag ${node.repo}:${node.tag}?`,
            { modal: true, detail: 'Only this tag is removed; the image and any other tags pointing at it stay.' },
            'Untag',
          );
          if (ok !== 'Untag') return;
        }
        return vscode.commands.executeCommand(COMMANDS.deleteTag, node, { confirm: 'untag' } satisfies DeleteAnswer);
      },
      {
        describe: (given: TagNode | undefined) => describe('Removing the tag', given),
        programmatic: (_g, second?: unknown, third?: unknown) =>
          [second, third].some((o) => typeof o === 'object' && o !== null && !Array.isArray(o) && (o as { confirm?: unknown }).confirm !== undefined),
      },
    ),
  ];
}
