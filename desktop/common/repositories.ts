// The repositories namespace of DockhandApi (see index.ts).
import { arg, type MethodArgs } from './args';

export interface RepositoriesApi {
  /** Every repository (follows catalog paging past the 1000 cap). */
  list(registryId: string): Promise<string[]>;
}

export const REPOSITORIES_METHODS = {
  list: [['registryId', arg.registryId]],
} as const satisfies MethodArgs<RepositoriesApi>;
