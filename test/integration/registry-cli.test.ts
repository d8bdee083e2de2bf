// The registry commands of the `dockhand` CLI (ls, tags, inspect, manifest, digest, tag, cp,
// rm) against real bed registries, run through the CLI's own dispatcher (main) with captured
// output: --json on every read command, exit codes, one-line errors that carry the fix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRegistry, seedImage, seedIndex, tempDir, type RegistryHandle } from '../bed/index';
import { runCli, isolatedCliEnv, type CliResult } from './helpers/run-cli';
import { skopeoTags, skopeoRaw } from './registry-skopeo';

let plain: RegistryHandle;
let secure: RegistryHandle;

before(async () => {
  plain = await startRegistry();
  secure = await startRegistry({ tls: true, htpasswd: true });
});
after(async () => {
  await Promise.all([plain?.stop(), secure?.stop()]);
});

function cli(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  // An empty docker config and no keychain: credentials only from flags or DOCKHAND_* env.
  const env = { ...isolatedCliEnv(), DOCKHAND_CERTS_DIR: tempDir('dockhand-cli-certs'), ...opts.env };
  return runCli(args, { stdin: opts.stdin, env });
}

test('ls, tags, digest, manifest, inspect: text and --json', async () => {
  const img = await seedImage(plain, 'cli/app', 'v1', { layerSizes: [1000] });
  await seedImage(plain, 'cli/other', 'x');
  const idx = await seedIndex(plain, 'cli/multi', 'latest', ['linux/amd64', 'linux/arm64/v8']);

  const ls = await cli(['ls', plain.host]);
  assert.equal(ls.code, 0, ls.err);
  assert.deepEqual(ls.out.trim().split('\n').sort(), ['cli/app', 'cli/multi', 'cli/other']);
  const lsJson = await cli(['ls', plain.host, '--json', '--page-size', '1']);
  assert.deepEqual((JSON.parse(lsJson.out) as string[]).sort(), ['cli/app', 'cli/multi', 'cli/other']);

  const tags = await cli(['tags', `${plain.host}/cli/app`, '--json']);
  assert.deepEqual(JSON.parse(tags.out), await skopeoTags(plain, 'cli/app'));

  const digest = await cli(['digest', `${plain.host}/cli/app:v1`]);
  assert.equal(digest.out.trim(), img.digest);
  const digestJson = JSON.parse((await cli(['digest', `${plain.host}/cli/app:v1`, '--json'])).out) as { digest: string; mediaType: string };
  assert.equal(digestJson.digest, img.digest);
  assert.equal(digestJson.mediaType, img.mediaType);

  const manifest = await cli(['manifest', `${plain.host}/cli/multi`]);
  assert.equal(manifest.out, (await skopeoRaw(plain, 'cli/multi:latest')).toString('utf8'));
  const manifestJson = JSON.parse((await cli(['manifest', `${plain.host}/cli/multi`, '--json'])).out) as { digest: string; manifest: { manifests: unknown[] } };
  assert.equal(manifestJson.digest, idx.digest);
  assert.equal(manifestJson.manifest.manifests.length, 2);

  const inspect = await cli(['inspect', `${plain.host}/cli/multi`]);
  assert.equal(inspect.code, 0, inspect.err);
  assert.match(inspect.out, /Platform linux\/amd64/);
  assert.match(inspect.out, /Platform linux\/arm64\/v8/);
  const inspectJson = JSON.parse((await cli(['inspect', `${plain.host}/cli/multi`, '--json'])).out) as { digest: string; platforms: Array<{ digest: string }> };
  assert.equal(inspectJson.digest, idx.digest);
  assert.deepEqual(
    inspectJson.platforms.map((p) => p.digest),
    idx.manifests.map((m) => m.digest),
  );
});

test('tag, cp, rm, rm --untag through the CLI', async () => {
  const img = await seedImage(plain, 'cli/ops', 'v1');
  const tag = await cli(['tag', `${plain.host}/cli/ops:v1`, 'v2', '--json']);
  assert.equal(tag.code, 0, tag.err);
  assert.equal((JSON.parse(tag.out) as { digest: string }).digest, img.digest);
  assert.deepEqual(await skopeoTags(plain, 'cli/ops'), ['v1', 'v2']);

  // Copy to the TLS+htpasswd registry with --ca and --username/--password-stdin.
  const cp = await cli(
    ['cp', `${plain.host}/cli/ops:v1`, `${secure.host}/copied/ops`, '--ca', secure.caFile!, '--username', secure.username!, '--password-stdin', '--json'],
    { stdin: `${secure.password}\n` },
  );
  assert.equal(cp.code, 0, cp.err);
  assert.equal((JSON.parse(cp.out) as { digest: string }).digest, img.digest);
  assert.deepEqual(await skopeoTags(secure, 'copied/ops'), ['v1'], 'the destination keeps the source tag when none is given');
  // The same read with credentials from DOCKHAND_USERNAME/DOCKHAND_PASSWORD.
  const viaEnv = await cli(['digest', `${secure.host}/copied/ops:v1`, '--ca', secure.caFile!], {
    env: { DOCKHAND_USERNAME: secure.username, DOCKHAND_PASSWORD: secure.password },
  });
  assert.equal(viaEnv.out.trim(), img.digest, viaEnv.err);

  // --insecure: no CA given, certificate not verified.
  const insecure = await cli(['tags', `${secure.host}/copied/ops`, '--insecure', '--json'], {
    env: { DOCKHAND_USERNAME: secure.username, DOCKHAND_PASSWORD: secure.password },
  });
  assert.equal(insecure.code, 0, insecure.err);
  assert.deepEqual(JSON.parse(insecure.out), ['v1']);

  // rm refuses to kill sibling tags silently.
  const refused = await cli(['rm', `${plain.host}/cli/ops:v1`]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /also removes the tag v2: re-run with --yes, or use --untag/);
  assert.deepEqual(await skopeoTags(plain, 'cli/ops'), ['v1', 'v2']);
  const dry = await cli(['rm', `${plain.host}/cli/ops:v1`, '--dry-run', '--json']);
  assert.deepEqual((JSON.parse(dry.out) as { tags: string[] }).tags, ['v1', 'v2']);

  const untag = await cli(['rm', `${plain.host}/cli/ops:v1`, '--untag']);
  assert.equal(untag.code, 0, untag.err);
  assert.deepEqual(await skopeoTags(plain, 'cli/ops'), ['v2']);

  const rm = await cli(['rm', `${plain.host}/cli/ops:v2`, '--yes', '--json']);
  assert.equal(rm.code, 0, rm.err);
  assert.equal((JSON.parse(rm.out) as { digest: string; deleted: boolean }).digest, img.digest);
  assert.deepEqual(await skopeoTags(plain, 'cli/ops'), []);
});

test('failures: one line, non-zero exit, with the fix', async () => {
  const unauth = await cli(['tags', `${secure.host}/copied/ops`, '--ca', secure.caFile!]);
  assert.equal(unauth.code, 1);
  assert.equal(unauth.err.trim().split('\n').length, 1);
  assert.match(unauth.err, /UNAUTHORIZED, HTTP 401/);
  assert.match(unauth.err, /docker login/);

  const tls = await cli(['ls', secure.host]);
  assert.equal(tls.code, 1);
  assert.match(tls.err, /TLS/);
  assert.match(tls.err, /ca\.crt/);

  const hub = await cli(['ls', 'docker.io']);
  assert.equal(hub.code, 1);
  assert.match(hub.err, /Docker Hub does not offer a repository catalog/);

  const badRef = await cli(['inspect', 'Bad/Name']);
  assert.equal(badRef.code, 1);
  assert.match(badRef.err, /lowercase/);

  const missing = await cli(['digest', `${plain.host}/cli/app:nope`]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /MANIFEST_UNKNOWN/);

  const usage = await cli(['tags']);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /Usage: dockhand tags/);
});
