// The configtools namespace of DockhandApi (see api.ts): the extension's "Migrate to registry
// 3.x" quick action for the desktop config editor (shared migrateConfig: comments and key
// order kept, each change explained in a comment). Plain data only; this file imports nothing.

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
