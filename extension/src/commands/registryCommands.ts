// Commands on registries: add/edit/remove, log in/out (the shared credential store),
// filter repositories, open a repository by name, load more, refresh, tag sort toggle.
import * as vscode from 'vscode';
import { verifyCredential } from '@dockhand/shared/registry';
import type { Credential } from '@dockhand/shared/credentials';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { DockhandNode, LoadMoreNode, RegistryNode } from '../tree/nodes';
import type { RegistryTarget } from '../registry/registryApi';
import { registrySettings, setRegistrySettings, tagSort, type RegistrySetting } from '../settings';
import { normalizeRegistryUrl } from '@dockhand/shared/reference';
import { addRegistry } from './addRegistry';
import { RegistryNotAddedError } from './registryProbe';
import { clientCertificateFields, clientTlsOptions } from '../registry/clientCertificate';
import { pickRegistry } from './pickRegistry';
import { registerSandboxCommand } from './sandboxCommand';
import { logoutPrompt } from './logoutPrompt';
import { COMMANDS } from './commandIds';
import { commandRegistrar } from './registerCommand';
import { showFailure, showWording } from '../errors/showFailure';
import { wordLoginFailure } from '../errors/failureWording';

/**
 * An authenticated GET /v2/ with exactly this credential (nothing is stored unless it passes).
 * `failed` is told the registry's own error (the store wraps it in its message).
 */
export function verifier(t: RegistryTarget, failed?: (err: unknown) => void) {
  return async (credential: Credential): Promise<void> => {
    try {
      await verifyCredential(credential, { host: t.host, caFile: t.caFile, insecure: t.insecure, ...clientTlsOptions(t), what: `logging in to ${t.host}`, source: 'VS Code login' });
    } catch (err) {
      failed?.(err);
      throw err;
    }
  };
}

export function registerRegistryCommands(s: Services, tree: RegistriesTreeProvider): vscode.Disposable[] {
  const cmd = commandRegistrar(s.log, tree);
  return [
    cmd(COMMANDS.refresh, (node?: DockhandNode) => tree.refresh(node)),
    ...registerSandboxCommand(s, tree),
    cmd(COMMANDS.addRegistry, async (preset?: Partial<RegistrySetting>) => {
      let added: RegistrySetting | undefined;
      try {
        added = await addRegistry(preset);
      } catch (err) {
        // A program gets the error; a person gets it as a notification (nothing was saved).
        if (preset || !(err instanceof RegistryNotAddedError)) throw err;
        void vscode.window.showErrorMessage(err.message);
        return undefined;
      }
      if (added) s.log.info(`added registry ${added.url}`);
      tree.refresh();
      return added;
    }),
    cmd(COMMANDS.editRegistry, async (node?: RegistryNode, preset?: { insecure?: boolean; caFile?: string }) => {
      const r = await pickRegistry(tree, node, 'Edit Registry');
      if (!r) return;
      let insecure = preset?.insecure ?? r.target.insecure;
      let caFile = preset?.caFile ?? r.target.caFile;
      if (!preset) {
        const pick = await vscode.window.showQuickPick(
          [
            { label: 'Choose a CA file…', action: 'ca' },
            { label: insecure ? 'Verify TLS (secure)' : 'Mark insecure (plain HTTP or unverified TLS)', action: 'insecure' },
          ],
          { title: `Edit ${r.target.host}`, ignoreFocusOut: true },
        );
        if (!pick) return;
        if (pick.action === 'ca') {
          const files = await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: 'Use CA',
            filters: { 'PEM certificates': ['pem', 'crt', 'cer'] },
          });
          if (!files?.[0]) return;
          caFile = files[0].fsPath;
        } else insecure = !insecure;
      }
      const list = registrySettings().filter(
        (x) => normalizeRegistryUrl(x.url) !== r.target.url && new URL(normalizeRegistryUrl(x.url) ?? 'https://x').host !== r.target.host,
      );
      await setRegistrySettings([
        ...list,
        { url: r.target.url, ...(insecure ? { insecure } : {}), ...(caFile ? { caFile } : {}), ...clientCertificateFields(r.target) },
      ]);
      s.registry.reset(r.target.host);
      tree.refresh();
    }),
    cmd(COMMANDS.removeRegistry, async (node?: RegistryNode, opts?: { confirm?: boolean }) => {
      const r = await pickRegistry(tree, node, 'Remove Registry');
      if (!r) return;
      if (!opts?.confirm) {
        const ok = await vscode.window.showWarningMessage(
          `Remove ${r.target.host} from the Registries view?`,
          { modal: true, detail: 'Its credentials stay where they are (use Log Out to remove them).' },
          'Remove',
        );
        if (ok !== 'Remove') return;
      }
      await setRegistrySettings(
        registrySettings().filter((x) => {
          const u = normalizeRegistryUrl(x.url);
          return !u || new URL(u).host !== r.target.host;
        }),
      );
      tree.refresh();
    }),
    cmd(COMMANDS.login, async (node?: RegistryNode, given?: { username: string; password: string; storeIn?: 'keychain' | 'docker' }) => {
      let target: RegistryTarget | undefined = node && 'target' in node ? node.target : undefined;
      if (!target) {
        const url = await vscode.window.showInputBox({
          title: 'Log In',
          prompt: 'Registry (host[:port] or URL)',
          ignoreFocusOut: true,
          validateInput: (v) => (normalizeRegistryUrl(v) ? undefined : 'Enter a host[:port] or an http(s):// URL'),
        });
        const n = url && normalizeRegistryUrl(url);
        if (!n) return;
        target = tree.registryNode(new URL(n).host)?.target ?? { url: n, host: new URL(n).host };
      }
      const username = given?.username ?? (await vscode.window.showInputBox({ title: `Log in to ${target.host}`, prompt: 'Username', ignoreFocusOut: true }));
      if (!username) return;
      const password =
        given?.password ??
        (await vscode.window.showInputBox({
          title: `Log in to ${target.host}`,
          prompt: `Password or token for ${username}`,
          password: true,
          ignoreFocusOut: true,
        }));
      if (!password) return;
      const at = target;
      let verifyError: unknown;
      let result;
      try {
        result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Logging in to ${at.host}…` }, () =>
          s.store.login(
            at.host,
            { username, password },
            {
              verify: verifier(at, (err) => {
                verifyError = err;
              }),
              storeIn: given?.storeIn,
            },
          ),
        );
      } catch (err) {
        if (given) throw err; // a programmatic caller gets the error itself
        s.log.error(`logging in to ${at.host}`, err);
        void showWording(wordLoginFailure(at.host, err, verifyError), {
          what: `Logging in to ${at.host}`,
          target: at,
          retry: () => vscode.commands.executeCommand('dockhand.login', node ?? tree.registryNode(at.host)),
        });
        return undefined;
      }
      s.log.info(`logged in to ${result.host} as ${username} (stored in ${result.source.detail})`);
      s.registry.reset(target.host);
      tree.refresh();
      void vscode.window.showInformationMessage(`Logged in to ${result.host} as ${username}.`);
      return result;
    }),
    cmd(COMMANDS.logout, async (node?: RegistryNode, opts?: { confirm?: boolean }) => {
      const r = await pickRegistry(tree, node, 'Log Out');
      if (!r) return;
      if (!opts?.confirm) {
        // Say whose login goes and where from (docker's own login logs the docker CLI out too).
        const prompt = logoutPrompt(r.target.host, (await s.store.list()).registries);
        const ok = await vscode.window.showWarningMessage(prompt.message, { modal: true, detail: prompt.detail }, prompt.confirm);
        if (ok !== prompt.confirm) return;
      }
      let result;
      try {
        result = await s.store.logout(r.target.host);
      } catch (err) {
        if (opts) throw err;
        await showFailure(err, { what: `Logging out of ${r.target.host}`, target: r.target }, tree, s.log);
        return undefined;
      }
      s.log.info(`logged out of ${result.host}: removed from ${result.removed.map((x) => x.kind).join(', ') || 'nowhere'}`);
      s.registry.reset(r.target.host);
      tree.refresh();
      const remaining = result.remaining.length ? ` Still stored in: ${result.remaining.map((x) => x.detail).join('; ')}.` : '';
      void vscode.window.showInformationMessage(`Logged out of ${result.host}.${remaining}`);
      return result;
    }),
    cmd(COMMANDS.loadMore, (node: LoadMoreNode) => tree.loadMore(node)),
    cmd(COMMANDS.filterRepositories, async (node?: RegistryNode, value?: string) => {
      const r = await pickRegistry(tree, node, 'Filter Repositories');
      if (!r) return;
      const filter =
        value ??
        (await vscode.window.showInputBox({
          title: `Filter repositories of ${r.target.host}`,
          prompt: 'Part of a repository name (empty: no filter)',
          value: tree.filterOf(r) ?? '',
        }));
      if (filter === undefined) return;
      tree.setFilter(r, filter.trim() || undefined);
    }),
    cmd(COMMANDS.clearFilter, async (node?: RegistryNode) => {
      const r = await pickRegistry(tree, node, 'Clear Filter');
      if (r) tree.setFilter(r, undefined);
    }),
    cmd(COMMANDS.openRepository, async (node?: RegistryNode, name?: string) => {
      const r = await pickRegistry(tree, node, 'Open Repository');
      if (!r) return;
      const repo =
        name ??
        (await vscode.window.showInputBox({
          title: `Open a repository of ${r.target.host}`,
          prompt: 'Repository name, e.g. library/nginx',
          ignoreFocusOut: true,
        }));
      if (repo) tree.pinRepository(r, repo.trim());
    }),
    cmd(COMMANDS.toggleTagSort, async () => {
      const next = tagSort() === 'semver' ? 'date' : 'semver';
      await vscode.workspace.getConfiguration('dockhand').update('tags.sort', next, vscode.ConfigurationTarget.Global);
      tree.refresh();
      return next;
    }),
    cmd(COMMANDS.showLog, () => s.log.channel.show()),
  ];
}
