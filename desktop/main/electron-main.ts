// The Electron glue, kept thin: one sandboxed window, the IPC handlers (one per allowed
// channel, dropping messages from anything but our own window's top frame), navigation
// and new windows denied. All logic lives in create-main-api.ts and never imports
// electron, so it is tested in Node; this file only type-checks against electron's types.
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHANNELS } from '../common';
import { createMainApi } from './create-main-api';
import { createDispatcher } from './dispatcher';
import { isAppLink } from './external-links';

const rendererIndex = join(__dirname, 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const windows = new Set<WebContents>();

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || !windows.has(event.sender)) return false;
  if (frame !== event.sender.mainFrame) return false;
  return frame.url.split('#')[0] === rendererUrl;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'Dockhand',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  windows.add(contents);
  contents.on('destroyed', () => windows.delete(contents));
  contents.setWindowOpenHandler(({ url }) => {
    if (isAppLink(url)) void shell.openExternal(url); // only the app's own links (external-links.ts)
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (url.split('#')[0] !== rendererUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The renderer's beforeunload says the config editor holds unsaved edits: ask before a reload or close drops them.
  contents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      title: 'Unsaved changes',
      message: 'The registry config has changes that are not saved.',
      detail: 'Leaving drops them.',
      buttons: ['Keep editing', 'Discard changes'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (choice === 1) event.preventDefault(); // preventDefault here lets the unload go ahead
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}

app.enableSandbox();

void app.whenReady().then(() => {
  // No permission (camera, notifications, ...) is ever granted to the renderer.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const log = (line: string) => process.stderr.write(line + '\n');
  const { api, context } = createMainApi({
    mode: 'electron',
    log,
    pickFile: async () => {
      const focused = BrowserWindow.getFocusedWindow();
      const options = { title: 'Open a registry config.yml', properties: ['openFile' as const], filters: [{ name: 'YAML', extensions: ['yml', 'yaml'] }] };
      const r = focused ? await dialog.showOpenDialog(focused, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths[0];
    },
    // A typed path the user has not picked before: the native dialog, on that path, confirms it.
    confirmFile: async (path, purpose) => {
      const focused = BrowserWindow.getFocusedWindow();
      const filters = [{ name: 'YAML', extensions: ['yml', 'yaml'] }];
      if (purpose === 'save') {
        const options = { title: 'Save the registry config.yml', defaultPath: path, filters };
        const r = focused ? await dialog.showSaveDialog(focused, options) : await dialog.showSaveDialog(options);
        return r.canceled ? undefined : r.filePath;
      }
      const options = { title: 'Open this registry config.yml?', defaultPath: path, properties: ['openFile' as const], filters };
      const r = focused ? await dialog.showOpenDialog(focused, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths[0];
    },
  });
  const dispatch = createDispatcher(api, log);
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) return { error: { name: 'ForbiddenSender', message: 'Message from an untrusted frame dropped.' } };
      return dispatch(channel, args);
    });
  }
  app.on('before-quit', () => context.dispose());
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (url.split('#')[0] !== rendererUrl) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
