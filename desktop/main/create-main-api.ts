// Composes the main-process implementation of DockhandApi from one handler module per
// namespace. Electron (electron-main.ts) and the served mode (server/) both call this.
import type { DockhandApi } from '../common';
import { MainContext, type MainOptions } from './main-context';
import { appHandlers } from './handlers/app';
import { registryHandlers } from './handlers/registries';
import { repositoryHandlers } from './handlers/repositories';
import { tagHandlers } from './handlers/tags';
import { imageHandlers } from './handlers/images';
import { engineHandlers } from './handlers/engine';
import { jobHandlers } from './handlers/jobs';
import { credentialHandlers } from './handlers/credentials';
import { configHandlers } from './handlers/config';
import { cleanupHandlers } from './handlers/cleanup';
import { filesHandlers } from './handlers/files';
import { attachmentHandlers } from './handlers/attachments';

export interface MainApi {
  api: DockhandApi;
  context: MainContext;
}

export function createMainApi(opts: MainOptions): MainApi {
  const context = new MainContext(opts);
  const api: DockhandApi = {
    app: appHandlers(context),
    registries: registryHandlers(context),
    repositories: repositoryHandlers(context),
    tags: tagHandlers(context),
    images: imageHandlers(context),
    engine: engineHandlers(context),
    jobs: jobHandlers(context),
    credentials: credentialHandlers(context),
    config: configHandlers(context),
    cleanup: cleanupHandlers(context),
    files: filesHandlers(context),
    attachments: attachmentHandlers(context),
  };
  return { api, context };
}
