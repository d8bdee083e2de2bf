// skopeo as a peer oracle for the registry integration tests (not a test file itself).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { RegistryHandle } from '../bed/index';

const run = promisify(execFile);

function tlsArgs(reg: RegistryHandle): string[] {
  const args = reg.tls ? ['--cert-dir', join(reg.certsDir!, reg.host)] : ['--tls-verify=false'];
  if (reg.username && reg.password) args.push('--creds', `${reg.username}:${reg.password}`);
  return args;
}

export async function skopeo(args: string[]): Promise<string> {
  const { stdout } = await run('skopeo', ['--insecure-policy', ...args], {
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, HOME: process.env.HOME ?? '/tmp' },
  });
  return stdout;
}

export async function skopeoTags(reg: RegistryHandle, repo: string): Promise<string[]> {
  const out = JSON.parse(await skopeo(['list-tags', ...tlsArgs(reg), `docker://${reg.host}/${repo}`])) as { Tags: string[] | null };
  return (out.Tags ?? []).sort();
}

export async function skopeoRaw(reg: RegistryHandle, ref: string): Promise<Buffer> {
  const { stdout } = await run('skopeo', ['--insecure-policy', 'inspect', '--raw', ...tlsArgs(reg), `docker://${reg.host}/${ref}`], {
    timeout: 180_000,
    encoding: 'buffer',
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** `skopeo inspect` (with `raw`: the manifest as stored) of `ref` ("repo:tag" on `reg`), parsed. */
export async function skopeoInspect(reg: RegistryHandle, ref: string, raw = false): Promise<Record<string, unknown>> {
  return JSON.parse(await skopeo(['inspect', ...(raw ? ['--raw'] : []), ...tlsArgs(reg), `docker://${reg.host}/${ref}`])) as Record<string, unknown>;
}

/** Pull into a dir: layout (skopeo verifies every blob digest on the way). */
export async function skopeoPullDir(reg: RegistryHandle, ref: string, dir: string, all = false): Promise<void> {
  await skopeo([
    'copy',
    ...(all ? ['--all'] : []),
    '--preserve-digests',
    ...tlsArgs(reg).map((a) =>
      a === '--tls-verify=false' ? '--src-tls-verify=false' : a === '--cert-dir' ? '--src-cert-dir' : a === '--creds' ? '--src-creds' : a,
    ),
    `docker://${reg.host}/${ref}`,
    `dir:${dir}`,
  ]);
}
