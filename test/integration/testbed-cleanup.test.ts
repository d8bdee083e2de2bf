// Everything the test bed starts dies with the test process, even without stop():
// on SIGTERM (a cancelled run) and on a plain process.exit (a test file that forgot to stop).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../bed/index';

const repoRoot = join(import.meta.dirname ?? __dirname, '../..');

/** Alive and not a zombie (zombies of killed daemons may linger under a non-reaping init). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function pidsWithEnv(marker: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker) && alive(Number(pid))) out.push(Number(pid));
    } catch {
      /* gone */
    }
  }
  return out;
}

async function runChild(mode: 'sigterm' | 'exit'): Promise<{ dirs: string[]; ownPid: number }> {
  const dir = tempDir('dockhand-cleanup-test');
  const script = join(dir, 'child.mts');
  writeFileSync(
    script,
    `
    import { startRegistry, startKeyring, startDockerd } from ${JSON.stringify(join(repoRoot, 'test/bed/index.ts'))};
    const [r, k, d] = await Promise.all([startRegistry({ tls: true, token: true }), startKeyring(), startDockerd()]);
    console.log('READY ' + JSON.stringify({ dirs: [r.rootDir, k.dir, d.dir] }));
    if (${JSON.stringify(mode)} === 'exit') process.exit(0);
    setInterval(() => {}, 1000);
  `,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => {
    err += c;
  });
  const ready = await new Promise<{ dirs: string[] }>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c;
      const m = /READY (.+)\n/.exec(out);
      if (m) resolve(JSON.parse(m[1]) as { dirs: string[] });
    });
    child.once('exit', (code) => {
      if (!/READY/.test(out)) reject(new Error(`child exited ${code}: ${err}`));
    });
  });
  const exited = new Promise<void>((r) => {
    if (child.exitCode !== null) r();
    else child.once('exit', () => r());
  });
  if (mode === 'sigterm') child.kill('SIGTERM');
  await exited;
  return { dirs: ready.dirs, ownPid: child.pid! };
}

for (const mode of ['sigterm', 'exit'] as const) {
  test(`${mode === 'sigterm' ? 'SIGTERM' : 'process.exit without stop()'}: registry, token worker, dbus, gnome-keyring, dockerd and containerd all die`, async () => {
    const { dirs, ownPid } = await runChild(mode);
    const marker = `DOCKHAND_BED_TAG=${ownPid}:`;
    let left: number[] = [];
    for (let i = 0; i < 50; i++) {
      // the kernel may need a moment to tear processes down
      left = pidsWithEnv(marker);
      if (!left.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(
      left,
      [],
      `still running: ${left
        .map((p) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
          } catch {
            return p;
          }
        })
        .join('; ')}`,
    );
    for (const d of dirs) assert.equal(existsSync(d), false, `${d} was not removed`);
  });
}
