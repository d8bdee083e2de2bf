// The configtools namespace of DockhandApi (see index.ts): the extension's "Migrate to registry
// 3.x" quick action for the desktop config editor (shared migrateConfig: comments and key
// order kept, each change explained in a comment). Plain data only.
import { arg, type MethodArgs } from './args';

export interface ConfigMigrationInfo {
  /** Edits as offsets into the text that was sent (non-overlapping, in document order). */
  edits: Array<{ from: number; to: number; insert: string }>;
  /** One line per change, as the comments in the file say it. */
  changes: string[];
  /** Set when the text could not be migrated (a YAML error): nothing to apply. */
  error?: string;
}

export interface ConfigToolsApi {
  migrate(text: string, to: '3.0' | '3.1'): Promise<ConfigMigrationInfo>;
}

export const CONFIGTOOLS_METHODS = {
  migrate: [['text', arg.text(2 * 1024 * 1024)], ['to', arg.oneOf('3.0', '3.1')]],
} as const satisfies MethodArgs<ConfigToolsApi>;
