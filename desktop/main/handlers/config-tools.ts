// configtools:* — Migrate a 2.8 config.yml to registry 3.x, as the extension's quick action
// does (shared migrateConfig), returned as offset edits for the desktop editor.
import { migrateConfig } from '@dockhand/shared/config/migrate';
import type { ConfigMigrationInfo, DockhandApi } from '../../common';

export function configToolHandlers(): DockhandApi['configtools'] {
  return {
    async migrate(text, to): Promise<ConfigMigrationInfo> {
      const m = migrateConfig(text, to);
      if (m.error) return { edits: [], changes: [], error: m.error };
      return {
        edits: m.edits.map((e) => ({ from: e.range.start.offset, to: e.range.end.offset, insert: e.newText })),
        changes: m.changes.map((c) => c.description),
      };
    },
  };
}
