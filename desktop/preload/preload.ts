// The sandboxed preload: exposes ONE namespace, window.dockhand, implementing DockhandApi
// over ipcRenderer.invoke on the allow-listed `namespace:method` channels. Errors come
// back as {error} envelopes and are rebuilt here (RemoteError); nothing else of
// ipcRenderer or Node reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { createApiClient, isChannel } from '../common';

const api = createApiClient((channel, args) => {
  if (!isChannel(channel)) return Promise.reject(new Error(`Channel ${channel} is not allowed.`));
  return ipcRenderer.invoke(channel, ...args);
});

contextBridge.exposeInMainWorld('dockhand', api);
