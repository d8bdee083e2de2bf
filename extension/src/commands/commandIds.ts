// Every command the extension contributes (package.json "contributes.commands"), by name:
// code refers to COMMANDS.x, never to the string, and commandIds.test.ts keeps this list and
// the manifest equal. Register one with commandRegistrar (registerCommand.ts).
export const COMMANDS = {
  startSandbox: 'dockhand.startSandbox',
  stopSandbox: 'dockhand.stopSandbox',
  addRegistry: 'dockhand.addRegistry',
  editRegistry: 'dockhand.editRegistry',
  removeRegistry: 'dockhand.removeRegistry',
  login: 'dockhand.login',
  logout: 'dockhand.logout',
  refresh: 'dockhand.refresh',
  loadMore: 'dockhand.loadMore',
  openConfig: 'dockhand.openConfig',
  eventsStart: 'dockhand.events.start',
  eventsStop: 'dockhand.events.stop',
  eventsShowActivity: 'dockhand.events.showActivity',
  eventsCopyToken: 'dockhand.events.copyToken',
  eventsAddNotifications: 'dockhand.events.addNotifications',
  filterRepositories: 'dockhand.filterRepositories',
  clearFilter: 'dockhand.clearFilter',
  openRepository: 'dockhand.openRepository',
  toggleTagSort: 'dockhand.toggleTagSort',
  pull: 'dockhand.pull',
  copyPullCommand: 'dockhand.copyPullCommand',
  copyDigest: 'dockhand.copyDigest',
  openManifest: 'dockhand.openManifest',
  imageDetails: 'dockhand.imageDetails',
  retag: 'dockhand.retag',
  copyImage: 'dockhand.copyImage',
  deleteTag: 'dockhand.deleteTag',
  untag: 'dockhand.untag',
  retagAndPush: 'dockhand.retagAndPush',
  localImagesRefresh: 'dockhand.localImages.refresh',
  showLog: 'dockhand.showLog',
  analyzeSize: 'dockhand.analyzeSize',
  cleanUp: 'dockhand.cleanUp',
  browseFiles: 'dockhand.browseFiles',
  compareImage: 'dockhand.compareImage',
  openAttachment: 'dockhand.openAttachment',
  verifySignature: 'dockhand.verifySignature',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** VS Code's own command that focuses the Registries view (from its view id). */
export const FOCUS_REGISTRIES_VIEW = 'dockhand.registries.focus';
