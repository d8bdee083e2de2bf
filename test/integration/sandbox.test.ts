// `dockhand sandbox up|down|status`: a real Debian docker-registry started detached on
// 127.0.0.1, seeded offline with the sample images, listed and inspected through the CLI,
// checked with skopeo, stopped by its PID, restarted on the same data.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempDir } from '../bed/index';
import { runCli, isolatedCliEnv } from './helpers/run-cli';

const dirs: string[] = [];
function sandboxEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const dir = tempDir('dockhand-sandbox-');
  dirs.push(dir);
  return { ...isolatedCliEnv(), DOCKHAND_SANDBOX_DIR: dir, ...extra };
}
after(async () => {
  for (const dir of dirs) await runCli(['sandbox', 'down'], { env: { ...isolatedCliEnv(), DOCKHAND_SANDBOX_DIR: dir } });
});

interface UpJson {
  registry: string;
  pid: number;
  started: boolean;
  running: boolean;
  dataDir: string;
  repositories: string[];
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('sandbox up --json, then ls/tags/inspect list the sample images (skopeo agrees)', async () => {
  const env = sandboxEnv();
  const up = await runCli(['sandbox', 'up', '--json'], { env });
  assert.equal(up.code, 0, up.err);
  const r = JSON.parse(up.out) as UpJson;
  assert.match(r.registry, /^127\.0\.0\.1:\d+$/);
  assert.equal(r.started, true);
  assert.ok(pidAlive(r.pid), 'the registry process runs');

  const ls = await runCli(['ls', r.registry, '--json'], { env });
  assert.equal(ls.code, 0, ls.err);
  const repos = JSON.parse(ls.out) as string[];
  assert.ok(repos.length >= 3, `at least three repositories, got ${repos.join(', ')}`);
  assert.deepEqual(repos.sort(), [...r.repositories].sort());

  const tags = JSON.parse((await runCli(['tags', `${r.registry}/samples/hello`, '--json'], { env })).out) as string[];
  assert.deepEqual(tags.sort(), ['1.0.0', '1.1.0', '2.0.0', 'latest']);
  const skopeo = spawnSync('skopeo', ['list-tags', '--tls-verify=false', `docker://${r.registry}/samples/hello`], { encoding: 'utf8' });
  assert.equal(skopeo.status, 0, skopeo.stderr);
  assert.deepEqual((JSON.parse(skopeo.stdout) as { Tags: string[] }).Tags.sort(), tags.sort());

  // Tags share layers: every hello version has the base layer first.
  const layersOf = async (ref: string) => {
    const j = JSON.parse((await runCli(['inspect', ref, '--json'], { env })).out) as {
      platforms: Array<{ layers: Array<{ digest: string }>; platform: { architecture: string } }>;
    };
    return j.platforms;
  };
  const v1 = (await layersOf(`${r.registry}/samples/hello:1.0.0`))[0]!.layers.map((l) => l.digest);
  const v2 = (await layersOf(`${r.registry}/samples/hello:2.0.0`))[0]!.layers.map((l) => l.digest);
  assert.equal(v1[0], v2[0]);
  assert.notEqual(v1[1], v2[1]);
  // One multi-platform index.
  const web = await layersOf(`${r.registry}/samples/web:latest`);
  assert.deepEqual(web.map((p) => p.platform.architecture).sort(), ['amd64', 'arm', 'arm64']);
  // One with history and labels.
  const tools = JSON.parse((await runCli(['inspect', `${r.registry}/samples/tools:stable`, '--json'], { env })).out) as {
    platforms: Array<{ configSummary?: { labels?: Record<string, string>; history?: unknown[] } }>;
  };
  const cfg = tools.platforms[0]!.configSummary!;
  assert.equal(cfg.labels?.['org.opencontainers.image.title'], 'samples/tools');
  assert.ok((cfg.history?.length ?? 0) >= 5, 'history entries');
});

test('up twice is harmless; down stops it by its PID; up again serves the same data', async () => {
  const env = sandboxEnv();
  const first = JSON.parse((await runCli(['sandbox', 'up', '--json'], { env })).out) as UpJson;
  const second = await runCli(['sandbox', 'up', '--json'], { env });
  assert.equal(second.code, 0, second.err);
  const again = JSON.parse(second.out) as UpJson;
  assert.equal(again.started, false);
  assert.equal(again.registry, first.registry);
  assert.equal(again.pid, first.pid);

  // Something of the user's own in the sandbox survives a restart.
  const tag = await runCli(['tag', `${first.registry}/samples/hello:1.0.0`, 'mine'], { env });
  assert.equal(tag.code, 0, tag.err);

  const status = await runCli(['sandbox', 'status', '--json'], { env });
  assert.equal(status.code, 0);
  assert.equal((JSON.parse(status.out) as { running: boolean }).running, true);

  const down = await runCli(['sandbox', 'down', '--json'], { env });
  assert.equal(down.code, 0, down.err);
  assert.equal((JSON.parse(down.out) as { stopped: boolean }).stopped, true);
  for (let i = 0; i < 100 && pidAlive(first.pid); i++) await new Promise((res) => setTimeout(res, 100));
  assert.equal(pidAlive(first.pid), false, 'the registry process is gone');
  const stopped = await runCli(['sandbox', 'status'], { env });
  assert.equal(stopped.code, 3);
  assert.match(stopped.out, /not running.*dockhand sandbox up/);
  assert.ok(existsSync(first.dataDir), 'data kept');

  const restarted = JSON.parse((await runCli(['sandbox', 'up', '--json'], { env })).out) as UpJson;
  assert.equal(restarted.started, true);
  const tags = JSON.parse((await runCli(['tags', `${restarted.registry}/samples/hello`, '--json'], { env })).out) as string[];
  assert.ok(tags.includes('mine'), `the user's tag survived: ${tags.join(', ')}`);
});

test('no registry server anywhere: one line that says what to install', async () => {
  const bin = tempDir('dockhand-sandbox-path');
  const env = sandboxEnv({ PATH: bin, DOCKER_HOST: `unix://${join(bin, 'no-such.sock')}` });
  const r = await runCli(['sandbox', 'up'], { env });
  assert.notEqual(r.code, 0);
  assert.match(r.err, /apt-get install docker-registry/);
  assert.match(r.err, /docker pull registry:2/);
  assert.doesNotMatch(r.err, /\n.*\n.*at /, 'no stack trace');
});

test('a registry binary that exits at start: the error says so and names the log', async () => {
  const bin = tempDir('dockhand-sandbox-badbin');
  const fake = join(bin, 'docker-registry');
  writeFileSync(fake, '#!/bin/sh\necho "configuration error: this registry refuses to start" >&2\nexit 1\n');
  chmodSync(fake, 0o755);
  const env = sandboxEnv({ PATH: `${bin}:/usr/bin:/bin` });
  const r = await runCli(['sandbox', 'up'], { env });
  assert.notEqual(r.code, 0);
  assert.match(r.err, /stopped right after starting.*refuses to start/);
  assert.match(r.err, /registry\.log/);
});
