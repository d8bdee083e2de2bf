// The image details panel: one webview per image reference, restored after a reload by a
// WebviewPanelSerializer (its state is the registry target, repository and tag).
import * as vscode from 'vscode';
import { explainFailure, wordFailure } from '../errors/failureWording';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { RegistryModel } from '../tree/registryModel';
import type { RegistryTarget } from '../registry/registryApi';
import { detailsHtml } from './detailsHtml';
import { toDetailsData } from './detailsData';
import { isWebviewMessage, type DetailsState, type HostMessage } from './protocol';
import { restoredDetailsState } from './restoreState';
import { registrySettings } from '../settings';
import { redact } from '@dockhand/shared/credentials';
import { manifestUri } from '../commands/manifestDocument';
import { toAttachedInfo, findAttachment } from './attachedData';
import { openAttachmentFromDetails } from '../commands/attachmentCommands';
import type { Discovery } from '../registry/registryApi';

export const DETAILS_VIEW_TYPE = 'dockhand.imageDetails';

export class DetailsPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly s: Services,
    private readonly tree: RegistriesTreeProvider,
    private readonly model: RegistryModel,
  ) {}

  options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    const root = this.s.context.extensionUri;
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist', 'webview'), vscode.Uri.joinPath(root, 'dist', 'media')],
    };
  }

  /** Opens (or reveals) the details of `repo:tag`. Resolves with the panel once the data was posted. */
  async open(target: RegistryTarget, repo: string, tag: string): Promise<vscode.WebviewPanel> {
    const key = `${target.url}/${repo}:${tag}`;
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DETAILS_VIEW_TYPE, `${repo}:${tag}`, vscode.ViewColumn.Active, this.options());
    await this.attach(panel, { target, repo, tag }, true);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = restoredDetailsState(state, registrySettings());
    if (!restored) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.options();
    // Don't wait for the webview here: VS Code shows the restored panel only after this resolves.
    await this.attach(panel, restored, false);
  }

  private async attach(panel: vscode.WebviewPanel, state: DetailsState, waitUntilReady: boolean): Promise<void> {
    const { target, repo, tag } = state;
    const reference = `${target.host}/${repo}:${tag}`;
    const key = `${target.url}/${repo}:${tag}`;
    this.panels.set(key, panel);
    panel.iconPath = vscode.Uri.joinPath(this.s.context.extensionUri, 'dist', 'media', 'dockhand.svg');
    panel.webview.html = detailsHtml(panel.webview, this.s.context.extensionUri, reference);
    const post = (m: HostMessage) => panel.webview.postMessage(m);
    let ready: () => void = () => {};
    const isReady = new Promise<void>((r) => {
      ready = r;
    });
    let discoveries: Discovery[] = [];
    const load = async () => {
      await post({ type: 'loading', reference });
      try {
        const info = await this.model.inspect(target, repo, tag);
        const referrers = await this.s.registry.referrers(target, repo, info.digest).catch((err) => {
          this.s.log.warn(`referrers of ${reference}: ${(err as Error).message}`);
          return [];
        });
        let attached;
        try {
          discoveries = await this.model.attachmentsOf(target, repo, info.digest);
          attached = toAttachedInfo(discoveries, info.digest);
        } catch (err) {
          this.s.log.warn(`attachments of ${reference}: ${(err as Error).message}`);
        }
        await post({ type: 'details', data: { ...toDetailsData(reference, info, referrers), ...(attached ? { attached } : {}) } });
      } catch (err) {
        this.s.log.error(`image details of ${reference}`, err);
        await post({ type: 'error', reference, message: redact(explainFailure(err).text) });
      }
    };
    const sub = panel.webview.onDidReceiveMessage(async (msg: unknown) => {
      if (!isWebviewMessage(msg)) {
        this.s.log.warn('image details: ignored a malformed message from the webview');
        return;
      }
      switch (msg.type) {
        case 'ready':
          ready();
          await panel.webview.postMessage({ type: 'state', state });
          await load();
          break;
        case 'refresh':
          this.tree.invalidate(target, repo);
          await load();
          break;
        case 'copy':
          await vscode.env.clipboard.writeText(msg.text);
          void vscode.window.setStatusBarMessage(`Copied ${msg.text.slice(0, 80)}`, 3000);
          break;
        case 'openAttachment': {
          const a = findAttachment(discoveries, msg.digest);
          if (!a) break;
          try {
            await openAttachmentFromDetails(this.s, target, repo, a, post);
          } catch (err) {
            this.s.log.error(`open attachment ${msg.digest}`, err);
            void vscode.window.showErrorMessage(wordFailure(`Opening ${a.kind} ${msg.digest.slice(0, 19)}`, err).message);
          }
          break;
        }
        case 'openManifest': {
          const doc = await vscode.workspace.openTextDocument(manifestUri(target, repo, msg.digest));
          await vscode.languages.setTextDocumentLanguage(doc, 'json');
          await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
          break;
        }
      }
    });
    panel.onDidDispose(() => {
      sub.dispose();
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
    if (waitUntilReady) await Promise.race([isReady, new Promise((r) => setTimeout(r, 30_000))]);
  }

  dispose(): void {
    for (const p of this.panels.values()) p.dispose();
  }
}
