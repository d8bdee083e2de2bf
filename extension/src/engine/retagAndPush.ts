// "Retag and Push…" on a local image: pick a registry from the Registries view, enter
// repository:tag, push through the engine with a cancellable progress notification; the
// pushed repository is refreshed (and pinned) in the Registries view.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { LocalNode } from './localImagesProvider';
import { validateRepoTag } from '../commands/validateRepoTag';
import { defaultRepoTag } from './defaultRepoTag';
import { engineProgressReporter } from '../commands/progressReporter';
import { pickRegistry } from '../commands/pickRegistry';
import { cancelSignal, type CallerControl } from '../commands/callerControl';
import type { EngineProgressEvent as EngineProgress } from '@dockhand/shared/engine';
import { COMMANDS } from '../commands/commandIds';
import { commandRegistrar } from '../commands/registerCommand';

/** `localImages`: redrawn after every push attempt (the engine's tags may have changed). */
export function registerRetagAndPush(s: Services, tree: RegistriesTreeProvider, localImages: { refresh(): void }): vscode.Disposable {
  const describe = (node?: LocalNode) => ({ what: `Pushing ${node?.kind === 'localImage' ? node.ref : 'the image'}` });
  return commandRegistrar(s.log, tree)(
    COMMANDS.retagAndPush,
    async (node?: LocalNode, dest?: { registry: string; repoTag: string } & CallerControl<EngineProgress>) => {
      let ref: string | undefined = node?.kind === 'localImage' ? node.ref : undefined;
      if (!ref) {
        const engine = await s.engine();
        const images = await engine.listImages();
        const pick = await vscode.window.showQuickPick(
          images.flatMap((i) => i.repoTags),
          { title: 'Retag and Push: local image', ignoreFocusOut: true },
        );
        if (!pick) return;
        ref = pick;
      }
      const registry = dest
        ? (tree.registryNode(dest.registry) ?? (await tree.registries()).find((r) => r.target.host === dest.registry))
        : await pickRegistry(tree, undefined, `Push ${ref} to registry`);
      if (!registry) return;
      const repoTag =
        dest?.repoTag ??
        (await vscode.window.showInputBox({
          title: `Push ${ref} to ${registry.target.host}`,
          prompt: 'Repository and tag',
          value: defaultRepoTag(ref),
          ignoreFocusOut: true,
          validateInput: validateRepoTag,
        }));
      if (!repoTag) return;
      const invalid = validateRepoTag(repoTag);
      if (invalid) throw new Error(invalid);
      const destRef = `${registry.target.host}/${repoTag}`;
      const engine = await s.engine();
      const localRef = ref;
      const result = await Promise.resolve(
        vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Pushing ${localRef} → ${destRef}`, cancellable: true },
          (progress, token) => {
            const report = engineProgressReporter(progress);
            return engine.retagAndPush(localRef, destRef, {
              credentials: s.store,
              signal: cancelSignal(token, dest?.signal),
              removeTempTag: true,
              onProgress: (e) => {
                report(e);
                dest?.onProgress?.(e);
              },
            });
          },
        ),
      ).finally(() => localImages.refresh());
      s.log.info(`pushed ${localRef} as ${result.ref} (${result.digest})${result.credentialSource ? ` using ${result.credentialSource.detail}` : ''}`);
      const repo = repoTag.slice(0, repoTag.lastIndexOf(':'));
      tree.pinRepository(registry, repo);
      tree.invalidate(registry.target, repo, { catalog: true });
      void vscode.window.showInformationMessage(`Pushed ${result.ref} (${result.digest.slice(0, 19)}).`);
      return result;
    },
    { describe, programmatic: (_n, dest?: unknown) => dest !== undefined },
  );
}
