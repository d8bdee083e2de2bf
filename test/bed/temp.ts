// Temp folders under os.tmpdir(), removed at process exit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackTempDir } from './processes';

/** A fresh folder under os.tmpdir() (removed at process exit unless DOCKHAND_KEEP_TESTBED is set). */
export function tempDir(prefix = 'dockhand-bed-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix.endsWith('-') ? prefix : prefix + '-'));
  trackTempDir(dir);
  return dir;
}
