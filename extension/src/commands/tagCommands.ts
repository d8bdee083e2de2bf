// Commands that change a registry: retag (server-side), copy to another registry or
// repository (with progress), delete a tag's manifest (listing the sibling tags that die
// with it) and untag-only. Every destructive one asks first with a modal dialog; tests may
// pass the answer instead.
import * as vscode from 'vscode';
import { attachmentsGoingAlong } from './attachmentCommands';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { TagNode } from '../tree/nodes';
import { registryProgressReporter } from './progressReporter';
import { pickRegistry } from './pickRegistry';
import { validateRepoTag } from './validateRepoTag';
import { selectedNode } from '../tree/selection';
import { cancelSignal, type CallerControl } from './callerControl';
import type { ProgressEvent as RegistryProgress } from '@dockhand/shared/registry/progress';

const TAG_RE = /^[\w][\w.-]{0,127}$/;

export interface DeleteAnswer {
  /** 'delete': the manifest and every tag on it; 'untag': only this tag; 'cancel'. */
  confirm: 'delete' | 'untag' | 'cancel';
}

export function registerTagCommands(s: Services, tree: RegistriesTreeProvider): vscode.Disposable[] {
  const cmd = vscode.commands.registerCommand;
  const refreshRepo = (node: TagNode) => tree.invalidate(node.target, node.repo);
  return [
    cmd('dockhand.retag', async (given: TagNode | undefined, newTag?: string) => {
      const node = selectedNode(given, 'tag');
      if (!node) return;
      const tag = newTag ?? await vscode.window.showInputBox({
        title: `Retag ${node.repo}:${node.tag}`, prompt: `New tag in ${node.target.host}/${node.repo} (same manifest, no data copied)`,
        value: node.tag, ignoreFocusOut: true, validateInput: (v) => (TAG_RE.test(v) ? undefined : 'A tag is up to 128 letters, digits, _ . - (not starting with . or -)'),
      });
      if (!tag || tag === node.tag) return;
      const digest = await s.registry.retag(node.target, node.repo, node.tag, tag);
      s.log.info(`retagged ${node.target.host}/${node.repo}:${node.tag} as :${tag} (${digest})`);
      refreshRepo(node);
      void vscode.window.showInformationMessage(`Tagged ${node.repo}:${tag} (${digest.slice(0, 19)}).`);
      return digest;
    }),
    cmd('dockhand.copyImage', async (given: TagNode | undefined, dest?: { registry: string; repoTag: string } & CallerControl<RegistryProgress>) => {
      const node = selectedNode(given, 'tag');
      if (!node) return;
      let target = dest ? tree.registryNode(dest.registry)?.target : undefined;
      if (!target) {
        const r = await pickRegistry(tree, undefined, `Copy ${node.repo}:${node.tag} to registry`);
        if (!r) return;
        target = r.target;
      }
      const along = dest?.repoTag ? '' : await attachmentsGoingAlong(tree, node);
      const repoTag = dest?.repoTag ?? await vscode.window.showInputBox({
        title: `Copy to ${target.host}`, prompt: `Repository and tag${along ? `; ${along}` : ''}`, value: `${node.repo}:${node.tag}`, ignoreFocusOut: true, validateInput: validateRepoTag,
      });
      if (!repoTag) return;
      const err = validateRepoTag(repoTag);
      if (err) throw new Error(err);
      const i = repoTag.lastIndexOf(':');
      const dst = { t: target, repo: repoTag.slice(0, i), tag: repoTag.slice(i + 1) };
      const what = `${node.target.host}/${node.repo}:${node.tag} → ${dst.t.host}/${dst.repo}:${dst.tag}`;
      const digest = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Copying ${what}`, cancellable: true }, (progress, token) => {
        const report = registryProgressReporter(progress);
        return s.registry.copy({ t: node.target, repo: node.repo, reference: node.tag }, dst, {
          signal: cancelSignal(token, dest?.signal),
          onProgress: (e) => { report(e); dest?.onProgress?.(e); },
        });
      });
      s.log.info(`copied ${what} (${digest})`);
      tree.invalidate(dst.t, dst.repo, { catalog: true });
      void vscode.window.showInformationMessage(`Copied to ${dst.t.host}/${dst.repo}:${dst.tag}.`);
      return digest;
    }),
    cmd('dockhand.deleteTag', async (given: TagNode | undefined, answer?: DeleteAnswer) => {
      const node = selectedNode(given, 'tag');
      if (!node) return;
      const ref = `${node.target.host}/${node.repo}:${node.tag}`;
      const digest = (await s.registry.getManifest(node.target, node.repo, node.tag)).digest;
      const tags = await s.registry.tagsWithDigest(node.target, node.repo, digest);
      const siblings = tags.filter((t) => t !== node.tag);
      let choice = answer?.confirm;
      if (!choice) {
        const detail = siblings.length
          ? `Deleting removes manifest ${digest} and EVERY tag pointing at it. These ${siblings.length} other tag(s) will be deleted too:\n\n${siblings.map((t) => `  • ${node.repo}:${t}`).join('\n')}\n\nChoose "Untag Only" to remove just :${node.tag} and keep them.`
          : `Deleting removes manifest ${digest}. No other tag points at it.`;
        const buttons = siblings.length ? ['Delete Manifest and All Its Tags', 'Untag Only'] : ['Delete'];
        const picked = await vscode.window.showWarningMessage(`Delete ${ref}?`, { modal: true, detail }, ...buttons);
        choice = picked === 'Untag Only' ? 'untag' : picked ? 'delete' : 'cancel';
      }
      if (choice === 'cancel') return { deleted: false, siblings, digest };
      if (choice === 'untag') {
        await s.registry.untag(node.target, node.repo, node.tag);
        s.log.info(`untagged ${ref} (kept ${digest} for ${siblings.join(', ') || 'no other tag'})`);
      } else {
        await s.registry.deleteManifest(node.target, node.repo, digest);
        s.log.info(`deleted ${node.target.host}/${node.repo}@${digest} (tags: ${tags.join(', ')})`);
      }
      refreshRepo(node);
      void vscode.window.showInformationMessage(choice === 'untag' ? `Removed tag ${node.repo}:${node.tag}.` : `Deleted ${node.repo}@${digest.slice(0, 19)} and ${tags.length} tag(s).`);
      return { deleted: choice === 'delete', untagged: choice === 'untag', siblings, digest };
    }),
    cmd('dockhand.untag', async (given: TagNode | undefined, opts?: { confirm?: boolean }) => {
      const node = selectedNode(given, 'tag');
      if (!node) return;
      if (!opts?.confirm) {
        const ok = await vscode.window.showWarningMessage(`Remove the tag ${node.repo}:${node.tag}?`, { modal: true, detail: 'Only this tag is removed; the image and any other tags pointing at it stay.' }, 'Untag');
        if (ok !== 'Untag') return;
      }
      return vscode.commands.executeCommand('dockhand.deleteTag', node, { confirm: 'untag' } satisfies DeleteAnswer);
    }),
  ];
}
