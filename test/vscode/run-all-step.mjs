// The desktop-VS Code step of `npm test` (test/run-all.mjs): runs `test:vscode --allow-missing`
// and turns its result into counts for the closing line. Without a VS Code the suites count
// as skipped, with the reason: never as passed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @returns {{ passed: number, failed: number, skipped: number, note: string }} note: ", 1 skipped (…)" or "" */
export function desktopVsCodeSuites(root, env = process.env) {
  console.log('\n$ node --import tsx test/vscode/run.ts --allow-missing   (npm run test:vscode)');
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-test-vscode-'));
  const resultFile = join(dir, 'result.json');
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/vscode/run.ts', '--allow-missing', '--result-file', resultFile], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    const result = existsSync(resultFile)
      ? JSON.parse(readFileSync(resultFile, 'utf8'))
      : { status: 'failed', reason: `test/vscode/run.ts exited with ${r.status ?? r.signal} and wrote no result`, passed: 0, failed: 1 };
    if (result.status === 'skipped') return { passed: 0, failed: 0, skipped: 1, note: `, 1 skipped (desktop VS Code in-host suites: ${result.reason})` };
    return { passed: result.passed ?? 0, failed: result.failed ?? (result.status === 'failed' ? 1 : 0), skipped: 0, note: '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
