// What every view gets: the API, the current registries, and navigation.
import type { AppInfo, DockhandApi, RegistrySummary } from '../common';

export type Route =
  | { view: 'welcome' }
  | { view: 'registry'; registryId: string; repository?: string; reference?: string }
  | { view: 'local' }
  | { view: 'credentials' }
  | { view: 'config' };

export interface AppContext {
  api: DockhandApi;
  info: AppInfo;
  registries: RegistrySummary[];
  route: Route;
  navigate(route: Route): void;
  /** Reload the registry list (after add/login/remove) and re-render the sidebar. */
  reloadRegistries(): Promise<void>;
  registry(id: string): RegistrySummary | undefined;
}
