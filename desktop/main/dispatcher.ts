// Routes one call `channel + args` to the main-process implementation of DockhandApi and
// answers with an envelope. Used by both transports: Electron's ipcMain (electron-main.ts)
// and the served mode's HTTP endpoint (server/http-server.ts). Never imports electron.
// Beside the channel allow-list, every argument is checked (channel-args.ts) before a
// handler runs; a refused argument comes back as a BadInputError envelope.
import { isChannel, type DockhandApi, type Envelope, type ErrorInfo } from '../common';
import { toErrorInfo } from './error-info';
import { checkChannelArgs } from './channel-args';

export type Dispatch = (channel: unknown, args: unknown) => Promise<Envelope>;

export function createDispatcher(impl: DockhandApi, log?: (line: string) => void): Dispatch {
  return async (channel, args) => {
    if (!isChannel(channel))
      return { error: { name: 'ForbiddenChannel', message: `Channel ${JSON.stringify(String(channel)).slice(0, 80)} is not on the allow-list.` } };
    if (!Array.isArray(args)) return { error: { name: 'BadRequest', message: `Arguments for ${channel} must be an array.` } };
    const [ns, method] = channel.split(':') as [keyof DockhandApi, string];
    const fn = (impl[ns] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    if (typeof fn !== 'function') return { error: { name: 'NotImplemented', message: `${channel} is not implemented.` } };
    try {
      const result = await fn.apply(impl[ns], checkChannelArgs(channel, args));
      return { result: result === undefined ? null : result };
    } catch (err) {
      const info: ErrorInfo = toErrorInfo(err);
      log?.(`${channel} failed: ${info.name}: ${info.message}`);
      return { error: info };
    }
  };
}
