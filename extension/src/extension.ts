// Entry point: wires the views, commands, webviews and the config linter. Nothing here
// does I/O; the time activate() takes is logged to the "Dockhand" output channel.
import * as vscode from 'vscode';
import { createLog } from './log';
import { createServices, type Services } from './services';
import { RegistriesTreeProvider } from './tree/registriesProvider';
import { RegistryModel } from './tree/registryModel';
import { LocalImagesProvider } from './engine/localImagesProvider';
import { registerRetagAndPush } from './engine/retagAndPush';
import { registerRegistryCommands } from './commands/registryCommands';
import { registerImageCommands } from './commands/imageCommands';
import { registerTagCommands } from './commands/tagCommands';
import { registerCleanupCommands } from './commands/cleanupCommands';
import { registerAttachmentCommands } from './commands/attachmentCommands';
import { ManifestDocumentProvider, MANIFEST_SCHEME } from './commands/manifestDocument';
import { DetailsPanels, DETAILS_VIEW_TYPE } from './webview/detailsPanel';
import { ConfigLinter } from './lint/configLinter';
import { ConfigQuickFixes } from './lint/quickFixes';
import { ConfigHelp } from './lint/configHelp';
import type { TagNode } from './tree/nodes';
import { trackSelection } from './tree/selection';
import { ImageFileSystemProvider, IMAGE_FILES_SCHEME } from './files/imageFileSystem';
import { registerImageFilesCommands } from './files/imageFilesCommands';
import { EventsService } from './events/eventsService';
import { ActivityPanel } from './events/activityPanel';
import { registerEventsCommands } from './events/eventsCommands';
import { NotificationsActions } from './events/notificationsAction';
import { COMMANDS } from './commands/commandIds';
import { commandRegistrar } from './commands/registerCommand';

/** What activate() returns: used by the in-host tests. */
export interface DockhandApi {
  services: Services;
  registries: RegistriesTreeProvider;
  localImages: LocalImagesProvider;
  details: DetailsPanels;
  linter: ConfigLinter;
  events: EventsService;
  activity: ActivityPanel;
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): DockhandApi {
  const started = performance.now();
  const log = createLog();
  const s = createServices(context, log);
  const model = new RegistryModel(s.registry);
  const registries = new RegistriesTreeProvider(s.store, s.registry, log, model);
  const localImages = new LocalImagesProvider(s);
  const details = new DetailsPanels(s, registries, model);
  const linter = new ConfigLinter(log, context.asAbsolutePath('dist/lintWorker.js'));
  const yaml: vscode.DocumentSelector = [{ language: 'yaml' }, { pattern: '**/*.{yml,yaml}' }];
  const registriesView = vscode.window.createTreeView('dockhand.registries', { treeDataProvider: registries, showCollapseAll: true, canSelectMany: true });
  trackSelection(registriesView);
  const imageFiles = new ImageFileSystemProvider(s.registry);
  const events = new EventsService(log, registries);
  const activity = new ActivityPanel(context.extensionUri, events);

  context.subscriptions.push(
    log.channel,
    registries,
    localImages,
    details,
    linter,
    registriesView,
    vscode.window.registerTreeDataProvider('dockhand.localImages', localImages),
    vscode.workspace.registerTextDocumentContentProvider(MANIFEST_SCHEME, new ManifestDocumentProvider(s.registry)),
    vscode.window.registerWebviewPanelSerializer(DETAILS_VIEW_TYPE, details),
    vscode.languages.registerCodeActionsProvider(yaml, new ConfigQuickFixes(linter), { providedCodeActionKinds: ConfigQuickFixes.kinds }),
    vscode.languages.registerHoverProvider(yaml, new ConfigHelp(linter)),
    vscode.languages.registerCompletionItemProvider(yaml, new ConfigHelp(linter)),
    ...registerRegistryCommands(s, registries),
    ...registerImageCommands(s, registries, (node: TagNode) => details.open(node.target, node.repo, node.tag)),
    ...registerTagCommands(s, registries),
    ...registerCleanupCommands(s, registries),
    ...registerAttachmentCommands(s, registries),
    registerRetagAndPush(s, registries, localImages),
    imageFiles,
    vscode.workspace.registerFileSystemProvider(IMAGE_FILES_SCHEME, imageFiles, { isReadonly: true, isCaseSensitive: true }),
    ...registerImageFilesCommands(s, imageFiles),
    commandRegistrar(log, registries)(COMMANDS.localImagesRefresh, () => localImages.refresh()),
    events,
    activity,
    ...registerEventsCommands(events, activity, linter),
    vscode.languages.registerCodeActionsProvider(yaml, new NotificationsActions(events), { providedCodeActionKinds: NotificationsActions.kinds }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockhand.registries')) registries.refresh();
      else if (e.affectsConfiguration('dockhand.tags.sort') || e.affectsConfiguration('dockhand.repositories.pageSize')) registries.refresh();
    }),
  );

  const activationMs = performance.now() - started;
  log.info(`Dockhand activated in ${activationMs.toFixed(1)} ms`);
  return { services: s, registries, localImages, details, linter, events, activity, activationMs };
}

export function deactivate(): void {}
