// A credential helper that hangs and has started a child of its own (a keyring prompt, an
// agent): the time-out must end both, or the grandchild keeps the pipes (and the CLI) alive.
// The helper is a fake (a shell script); a real helper cannot be made to hang on demand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helperGet } from './credential-helper';
import { CredentialHelperError } from './errors';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(cond(), what);
}

test('(fake helper) a hanging helper and the process it started are both killed at the time-out', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-hang-helper-'));
  const pidFile = join(dir, 'grandchild.pid');
  const helper = join(dir, 'docker-credential-hang');
  // The grandchild holds the helper's stdout and stderr open.
  writeFileSync(helper, `#!/bin/sh\nsleep 300 &\necho $! > '${pidFile}'\nwait\n`);
  chmodSync(helper, 0o755);
  try {
    await assert.rejects(
      helperGet('hang', 'https://r.example', { env: { PATH: `${dir}:${process.env.PATH}` }, timeoutMs: 1000, configuredBy: 'the test' }),
      (err: unknown) => err instanceof CredentialHelperError && /did not answer within/.test(err.message),
    );
    await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', "the helper wrote its child's pid");
    const grandchild = Number(readFileSync(pidFile, 'utf8').trim());
    await until(() => !alive(grandchild), `the helper's child ${grandchild} was killed with it`);
  } finally {
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
