// The engine client against a real podman service (Docker-compatible API on a unix
// socket): found at $XDG_RUNTIME_DIR/podman/podman.sock when no Docker socket exists,
// lists images, and retags and pushes to a bed registry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, startProcess, waitFor, tempDir, makeTar, BUSYBOX, registryFetch, type RegistryHandle, type TrackedProcess } from '../bed/index';
import { createEngineClient } from '../../shared/src/engine/engine-client';
import type { EngineClient, EngineProgressEvent } from '../../shared/src/engine/types';

let havePodman = true;
try {
  execFileSync('podman', ['--version'], { stdio: 'ignore' });
} catch {
  havePodman = false;
}

let registry: RegistryHandle;
let service: TrackedProcess | undefined;
let dir: string;
let socketPath: string;
let podmanEnv: NodeJS.ProcessEnv;
let podmanFlags: string[];
let engine: EngineClient;

function podman(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('podman', [...podmanFlags, ...args], { env: podmanEnv, timeout: 120000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`podman ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    );
  });
}

before(async () => {
  if (!havePodman) return;
  registry = await startRegistry();
  dir = tempDir('dockhand-podman');
  const xdg = join(dir, 'xdg');
  mkdirSync(join(xdg, 'podman'), { recursive: true, mode: 0o700 });
  socketPath = join(xdg, 'podman', 'podman.sock');
  writeFileSync(join(dir, 'storage.conf'), `[storage]\ndriver = "vfs"\nrunroot = "${join(dir, 'run')}"\ngraphroot = "${join(dir, 'root')}"\n`);
  writeFileSync(join(dir, 'registries.conf'), `unqualified-search-registries = []\n[[registry]]\nlocation = "${registry.host}"\ninsecure = true\n`);
  podmanEnv = {
    ...process.env,
    CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: join(dir, 'registries.conf'),
    XDG_RUNTIME_DIR: xdg,
    HOME: dir,
  };
  podmanFlags = [
    '--root',
    join(dir, 'root'),
    '--runroot',
    join(dir, 'run'),
    '--storage-driver',
    'vfs',
    '--tmpdir',
    join(dir, 'tmp'),
    '--events-backend',
    'file',
  ];
  service = startProcess('podman', [...podmanFlags, 'system', 'service', '--time=0', `unix://${socketPath}`], {
    env: podmanEnv,
    logFile: join(dir, 'service.log'),
  });
  await waitFor(`podman service on ${socketPath}`, async () => (existsSync(socketPath) ? true : undefined), { timeoutMs: 60000, intervalMs: 200 });
  const rootfs = join(dir, 'rootfs.tar');
  writeFileSync(
    rootfs,
    await makeTar([
      { name: 'bin/', type: 'directory' },
      { name: 'bin/busybox', data: readFileSync(BUSYBOX), mode: 0o755 },
      { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
    ]),
  );
  await podman(['import', rootfs, 'pod/img:1']);
  const env = { HOME: dir, XDG_RUNTIME_DIR: xdg };
  engine = await createEngineClient(existsSync('/var/run/docker.sock') ? { env, host: `unix://${socketPath}` } : { env });
  await waitFor(
    'podman API answering',
    async () => {
      try {
        await engine.ping();
        return true;
      } catch {
        return undefined;
      }
    },
    { timeoutMs: 60000, intervalMs: 300 },
  );
});
after(async () => {
  await Promise.all([service?.stop(), registry?.stop()]);
});

test('the podman socket under XDG_RUNTIME_DIR is found and its images are listed', { skip: !havePodman && 'podman is not installed' }, async () => {
  if (!existsSync('/var/run/docker.sock')) {
    assert.equal(engine.endpoint.source, 'podman-socket');
  }
  assert.equal(engine.endpoint.socketPath, socketPath);
  const images = await engine.listImages();
  assert.ok(
    images.some((i) => i.repoTags.includes('localhost/pod/img:1')),
    JSON.stringify(images.map((i) => i.repoTags)),
  );
});

test('retag and push through podman reports the digest the registry serves', { skip: !havePodman && 'podman is not installed' }, async () => {
  const events: EngineProgressEvent[] = [];
  const r = await engine.retagAndPush('localhost/pod/img:1', `${registry.host}/pod/app:1`, { onProgress: (e) => events.push(e) });
  assert.match(r.digest, /^sha256:[0-9a-f]{64}$/);
  const m = await registryFetch(registry, '/v2/pod/app/manifests/1', {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' },
  });
  assert.equal(m.status, 200);
  assert.equal(m.headers.get('docker-content-digest'), r.digest);
  assert.ok(
    events.some((e) => e.kind === 'digest'),
    JSON.stringify(events),
  );
});
