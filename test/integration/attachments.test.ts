// Signatures, SBOMs and attestations on real registries without the referrers API
// (distribution 2.8.2, plain and token auth), written in the published formats through the
// raw registry API (test/bed/attachments-seed.ts): discovery and classification, the CLI
// (referrers, inspect, verify), cp bringing every attachment (read back through the raw API),
// rm reporting orphans first, purge treating attachments as part of their image, du.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryFetch, tempDir, MT, type RegistryHandle } from '../bed/index';
import { seedSignedImage, seedSimpleSignedImage, pushCosignSignature, type SignedImageSet } from '../bed/attachments-seed';
import { registriesStoppedAfter } from './helpers/registries';
import { runCli, isolatedCliEnv, type CliResult } from './helpers/run-cli';
import { RegistryClient } from '../../shared/src/registry/client';
import { discoverImageAttachments, readAttachmentDocuments, type Attachment } from '@dockhand/shared/attachments';

const startRegistry = registriesStoppedAfter();
let plain: RegistryHandle;
let other: RegistryHandle;
let token: RegistryHandle;
let keys: { privateKey: KeyObject; publicKey: KeyObject };
let keyFile: string;
let wrongKeyFile: string;
let set: SignedImageSet;
const REPO = 'signed/app';

before(
  async () => {
    [plain, other, token] = await Promise.all([startRegistry(), startRegistry(), startRegistry({ token: true })]);
    keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const dir = tempDir('dockhand-keys');
    keyFile = join(dir, 'cosign.pub');
    wrongKeyFile = join(dir, 'wrong.pub');
    writeFileSync(keyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(wrongKeyFile, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }));
    set = await seedSignedImage(plain, REPO, 'v1', keys.privateKey);
  },
  { timeout: 120_000 },
);

function cli(args: string[], opts: { stdin?: string } = {}): Promise<CliResult> {
  return runCli(args, { env: isolatedCliEnv('dockhand-attach-home'), ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
}

async function rawTags(r: RegistryHandle, repo: string): Promise<string[]> {
  const res = await registryFetch(r, `/v2/${repo}/tags/list`);
  if (res.status === 404) {
    await res.body?.cancel();
    return [];
  }
  return (((await res.json()) as { tags: string[] | null }).tags ?? []).sort();
}

async function rawManifest(r: RegistryHandle, repo: string, ref: string): Promise<{ status: number; digest?: string; body?: Record<string, unknown> }> {
  const res = await registryFetch(r, `/v2/${repo}/manifests/${ref}`, {
    headers: { accept: `${MT.ociIndex}, ${MT.ociManifest}, ${MT.dockerManifest}, ${MT.dockerList}` },
  });
  if (res.status !== 200) {
    await res.body?.cancel();
    return { status: res.status };
  }
  return { status: 200, digest: res.headers.get('docker-content-digest') ?? undefined, body: (await res.json()) as Record<string, unknown> };
}

const byDigest = (list: Attachment[], digest: string) => list.find((a) => a.digest === digest);

test('discovery finds and classifies every kind on a registry without the referrers API', async () => {
  const client = new RegistryClient({ host: plain.host });
  try {
    const top = await client.getManifest(REPO, 'v1');
    const found = await discoverImageAttachments(client, REPO, top);
    assert.equal(found[0]!.referrersApi, false, 'distribution 2.8 has no referrers API');
    const atts = found[0]!.attachments;
    const expect = (digest: string, kind: string, format: RegExp, source: string) => {
      const a = byDigest(atts, digest);
      assert.ok(a, `attachment ${digest} (${kind}) found`);
      assert.equal(a.kind, kind, `${digest} kind`);
      assert.match(a.format, format);
      assert.equal(a.source, source);
      assert.equal(a.subject, set.index.digest);
      assert.ok(a.size > a.manifestSize, 'size counts manifest and blobs');
      return a;
    };
    expect(set.signature.digest, 'signature', /cosign simple-signing/, 'cosign-tag');
    const att = expect(set.cosignAttestation.digest, 'provenance', /DSSE/, 'cosign-tag');
    assert.deepEqual(att.predicateTypes, ['https://slsa.dev/provenance/v0.2']);
    expect(set.cosignSbom.digest, 'sbom', /SPDX/, 'cosign-tag');
    const spdx = expect(set.referrers.spdx.digest, 'sbom', /SPDX/, 'tag-schema');
    assert.equal(spdx.created, '2026-11-20T08:30:00.000Z');
    assert.equal(spdx.tag, set.tagSchemaIndex.tag);
    expect(set.referrers.cyclonedx.digest, 'sbom', /CycloneDX/, 'tag-schema');
    expect(set.referrers.notation.digest, 'signature', /notation/, 'tag-schema');
    const bundle = expect(set.referrers.bundle.digest, 'attestation', /sigstore bundle/, 'tag-schema');
    assert.deepEqual(bundle.predicateTypes, ['https://in-toto.io/attestation/vulns/v0.1']);
    expect(set.referrers.intoto.digest, 'attestation', /in-toto/, 'tag-schema');
    for (const [i, a] of set.index.attestations.entries()) {
      const x = expect(a.digest, 'provenance', /in-toto/, 'index');
      assert.deepEqual([...x.predicateTypes!].sort(), ['https://slsa.dev/provenance/v0.2', 'https://spdx.dev/Document']);
      assert.equal(x.platform, `linux/${set.index.platforms[i]!.platform.architecture}`);
    }
    assert.equal(atts.length, 3 + 5 + 2, 'nothing else is reported');
    // The notation signature on the SPDX artifact, one level down.
    assert.deepEqual(
      spdx.attachments?.map((n) => [n.digest, n.kind, n.format]),
      [[set.nested.digest, 'signature', 'notation']],
    );

    // Content: SPDX packages, CycloneDX components, the DSSE-wrapped statement.
    const [spdxDoc] = await readAttachmentDocuments(client, REPO, spdx);
    assert.deepEqual(
      spdxDoc!.packages?.map((p) => `${p.name}@${p.version}`),
      ['libc6@2.36-9', 'musl@1.2.4', 'ca-certificates@20230311'],
    );
    const [cdx] = await readAttachmentDocuments(client, REPO, byDigest(atts, set.referrers.cyclonedx.digest)!);
    assert.deepEqual(
      cdx!.packages?.map((p) => `${p.name} ${p.license}`),
      ['left-pad WTFPL', 'lodash MIT'],
    );
    const [stmt] = await readAttachmentDocuments(client, REPO, att);
    assert.equal(stmt!.statement?.predicateType, 'https://slsa.dev/provenance/v0.2');
    assert.equal(stmt!.statement?.subjects[0]?.digest.sha256, set.index.digest.slice(7));
  } finally {
    await client.close();
  }
});

test('CLI: referrers lists every kind, --show prints SBOM packages, inspect counts attachments and hides attestation platforms', async () => {
  const ref = `${plain.host}/${REPO}:v1`;
  const text = await cli(['referrers', ref]);
  assert.equal(text.code, 0, text.err);
  for (const d of [
    set.signature.digest,
    set.cosignAttestation.digest,
    set.cosignSbom.digest,
    ...Object.values(set.referrers).map((r) => r.digest),
    set.nested.digest,
    ...set.index.attestations.map((a) => a.digest),
  ]) {
    assert.ok(text.out.includes(d), `referrers lists ${d}:\n${text.out}`);
  }
  const json = await cli(['referrers', ref, '--json']);
  const parsed = JSON.parse(json.out) as { digest: string; referrersApi: boolean; subjects: Array<{ attachments: Attachment[] }> };
  assert.equal(parsed.digest, set.index.digest);
  assert.equal(parsed.subjects[0]!.attachments.length, 10);

  const show = await cli(['referrers', ref, '--show', set.cosignSbom.digest.slice(7, 19)]);
  assert.equal(show.code, 0, show.err);
  assert.match(show.out, /Packages \(2\):\n {2}openssl 3\.0\.15 {2}Apache-2\.0 {2}pkg:deb\/debian\/openssl@3\.0\.15\n {2}zlib 1\.2\.13/);
  const bad = await cli(['referrers', ref, '--show', 'abcdef']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /no attachment abcdef/);

  const inspect = await cli(['inspect', ref]);
  assert.equal(inspect.code, 0, inspect.err);
  assert.match(inspect.out, /Platforms: {2}2\n/);
  assert.match(inspect.out, /Attached: {3}2 signatures, 3 SBOMs, 3 provenances, 2 attestations/);
  assert.doesNotMatch(inspect.out, /Platform unknown\/unknown|Attestation unknown/);
  const inspectJson = JSON.parse((await cli(['inspect', ref, '--json'])).out) as { attachmentCount: number };
  assert.equal(inspectJson.attachmentCount, 10);
});

test('verify: passes with the right key, fails with a wrong key, a tampered payload, or a signature of another digest', async () => {
  const ok = await cli(['verify', `${plain.host}/${REPO}:v1`, '--key', keyFile]);
  assert.equal(ok.code, 0, ok.out + ok.err);
  assert.match(ok.out, /^OK +signature/m);
  assert.match(ok.out, /Verified: /);
  assert.match(ok.out, /Not checked: transparency log/);
  const wrong = await cli(['verify', `${plain.host}/${REPO}:v1`, '--key', wrongKeyFile]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.out, /FAIL .*does not verify with this key/);

  const tampered = await seedSimpleSignedImage(plain, 'signed/tampered', 'v1', keys.privateKey);
  await pushCosignSignature(plain, 'signed/tampered', tampered.image.digest, keys.privateKey, { tamper: true });
  const t = await cli(['verify', `${plain.host}/signed/tampered:v1`, '--key', keyFile, '--json']);
  assert.equal(t.code, 1);
  const tj = JSON.parse(t.out) as { verified: boolean; checks: Array<{ signatureValid: boolean }> };
  assert.equal(tj.verified, false);
  assert.equal(tj.checks[0]!.signatureValid, false);

  const moved = await seedSimpleSignedImage(plain, 'signed/moved', 'v1', keys.privateKey);
  await pushCosignSignature(plain, 'signed/moved', moved.image.digest, keys.privateKey, { signsDigest: set.index.digest }); // a valid signature of another image
  const m = await cli(['verify', `${plain.host}/signed/moved:v1`, '--key', keyFile]);
  assert.equal(m.code, 1);
  assert.match(m.out, /signs sha256:[0-9a-f]{64}, not /);

  const noKey = await cli(['verify', `${plain.host}/${REPO}:v1`]);
  assert.equal(noKey.code, 2);
  const notPem = join(tempDir('dockhand-keys'), 'x.pub');
  writeFileSync(notPem, 'not a key');
  const np = await cli(['verify', `${plain.host}/${REPO}:v1`, '--key', notPem]);
  assert.equal(np.code, 2);
  assert.match(np.err, /not a PEM public key/);
});

async function assertEveryAttachmentAt(r: RegistryHandle, repo: string): Promise<void> {
  const tags = await rawTags(r, repo);
  for (const t of [
    `${set.tagSchemaIndex.tag}.sig`,
    `${set.tagSchemaIndex.tag}.att`,
    `${set.tagSchemaIndex.tag}.sbom`,
    set.tagSchemaIndex.tag,
    set.nestedIndex.tag,
  ]) {
    assert.ok(tags.includes(t), `${r.host}/${repo} has tag ${t}: ${tags.join(' ')}`);
  }
  assert.equal((await rawManifest(r, repo, `${set.tagSchemaIndex.tag}.sig`)).digest, set.signature.digest);
  assert.equal((await rawManifest(r, repo, `${set.tagSchemaIndex.tag}.att`)).digest, set.cosignAttestation.digest);
  assert.equal((await rawManifest(r, repo, `${set.tagSchemaIndex.tag}.sbom`)).digest, set.cosignSbom.digest);
  const ts = await rawManifest(r, repo, set.tagSchemaIndex.tag);
  const listed = (ts.body!.manifests as Array<{ digest: string }>).map((m) => m.digest).sort();
  assert.deepEqual(
    listed,
    Object.values(set.referrers)
      .map((a) => a.digest)
      .sort(),
  );
  for (const a of [...Object.values(set.referrers), set.nested, ...set.index.attestations]) {
    const m = await rawManifest(r, repo, a.digest);
    assert.equal(m.status, 200, `${a.digest} is at ${r.host}/${repo}`);
  }
  const nested = await rawManifest(r, repo, set.nestedIndex.tag);
  assert.deepEqual(
    (nested.body!.manifests as Array<{ digest: string }>).map((m) => m.digest),
    [set.nested.digest],
  );
}

test('cp brings every attachment to another registry (read back through the raw API), --no-referrers brings none', async () => {
  const r = await cli(['cp', `${plain.host}/${REPO}:v1`, `${other.host}/copied/app:v1`]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /Attachments: 9 copied \(listed in 2 tag-schema indexes: the target has no referrers API\)/);
  assert.match(r.err, /copying 9 attachments/);
  await assertEveryAttachmentAt(other, 'copied/app');
  // The signature still verifies at the target.
  const v = await cli(['verify', `${other.host}/copied/app:v1`, '--key', keyFile]);
  assert.equal(v.code, 0, v.out);
  // Again: nothing to do, nothing replaced.
  const again = await cli(['cp', `${plain.host}/${REPO}:v1`, `${other.host}/copied/app:v1`, '--json']);
  assert.equal(again.code, 0, again.err);
  assert.equal((JSON.parse(again.out) as { attachments: { copied: unknown[]; skipped: unknown[] } }).attachments.skipped.length, 0);

  const bare = await cli(['cp', `${plain.host}/${REPO}:v1`, `${other.host}/bare/app:v1`, '--no-referrers']);
  assert.equal(bare.code, 0, bare.err);
  assert.deepEqual(await rawTags(other, 'bare/app'), ['v1']);
});

test('token-auth registry: cp brings every attachment, referrers and verify work through bearer tokens', async () => {
  const user = token.username!;
  const pass = token.password!;
  const env = { ...isolatedCliEnv('dockhand-attach-token'), DOCKHAND_USERNAME: user, DOCKHAND_PASSWORD: pass };
  const r = await runCli(['cp', `${plain.host}/${REPO}:v1`, `${token.host}/team/app:v1`], { env });
  assert.equal(r.code, 0, r.out + r.err);
  await assertEveryAttachmentAt(token, 'team/app');
  const list = await runCli(['referrers', `${token.host}/team/app:v1`, '--json'], { env });
  assert.equal(list.code, 0, list.err);
  assert.equal((JSON.parse(list.out) as { subjects: Array<{ attachments: unknown[] }> }).subjects[0]!.attachments.length, 10);
  const v = await runCli(['verify', `${token.host}/team/app:v1`, '--key', keyFile], { env });
  assert.equal(v.code, 0, v.out + v.err);
});

test('rm reports the attachments it would orphan, refuses without a choice, and --with-attachments deletes them too', async () => {
  const repo = 'rm/app';
  await cli(['cp', `${plain.host}/${REPO}:v1`, `${plain.host}/${repo}:v1`]);
  const before = await rawTags(plain, repo);
  assert.equal(before.length, 6);
  const dry = await cli(['rm', `${plain.host}/${repo}:v1`, '--dry-run']);
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /Attachments that would be orphaned \(--with-attachments deletes them too\) \(9\):/);
  const refused = await cli(['rm', `${plain.host}/${repo}:v1`]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /9 attachments would be orphaned/);
  assert.match(refused.err, /--with-attachments/);
  assert.deepEqual(await rawTags(plain, repo), before, 'nothing deleted');

  const done = await cli(['rm', `${plain.host}/${repo}:v1`, '--with-attachments']);
  assert.equal(done.code, 0, done.out + done.err);
  assert.deepEqual(await rawTags(plain, repo), []);
  for (const a of [set.signature, ...Object.values(set.referrers), set.nested])
    assert.equal((await rawManifest(plain, repo, a.digest)).status, 404, `${a.digest} deleted`);
});

test("purge --keep 1 keeps the kept image's signatures and removes the others'; --orphans finds attachments whose image is gone; du counts attachment bytes", async () => {
  const repo = 'purge/app';
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const imgs: Array<Awaited<ReturnType<typeof seedSimpleSignedImage>>> = [];
  for (const [i, age] of [30, 20, 10].entries()) imgs.push(await seedSimpleSignedImage(plain, repo, `v${i + 1}`, keys.privateKey, { created: day(age) }));
  const newest = imgs[2]!;

  const du = await cli(['du', `${plain.host}/${repo}`, '--json']);
  const sizes = JSON.parse(du.out) as { tags: Array<{ tag: string; attachments: number; attachmentBytes: number }> };
  assert.deepEqual(sizes.tags.map((t) => t.tag).sort(), ['v1', 'v2', 'v3'], 'signature tags are not ranked as images');
  for (const t of sizes.tags) {
    const sig = imgs[Number(t.tag.slice(1)) - 1]!.signature;
    assert.equal(t.attachments, 1);
    const cfg = (JSON.parse(sig.bytes.toString('utf8')) as { config: { size: number } }).config.size;
    assert.equal(t.attachmentBytes, sig.size + cfg + sig.payload.length);
  }

  const plan = await cli(['purge', `${plain.host}/${repo}`, '--keep', '1', '--json']);
  const p = JSON.parse(plan.out) as { plan: { tags: Array<{ tag: string; action: string }>; attachments: Array<{ tag: string; action: string }> } };
  assert.deepEqual(
    p.plan.tags.map((t) => `${t.tag}:${t.action}`),
    ['v1:delete', 'v2:delete', 'v3:keep'],
  );
  const applied = await cli(['purge', `${plain.host}/${repo}`, '--keep', '1', '--apply']);
  assert.equal(applied.code, 0, applied.out + applied.err);
  assert.deepEqual(await rawTags(plain, repo), ['v3', `${newest.image.digest.replace(':', '-')}.sig`].sort());
  for (const old of imgs.slice(0, 2)) assert.equal((await rawManifest(plain, repo, old.signature.digest)).status, 404);
  const v = await cli(['verify', `${plain.host}/${repo}:v3`, '--key', keyFile]);
  assert.equal(v.code, 0, 'the kept image is still signed');

  // Orphans: an image deleted with --keep-attachments leaves its signature behind.
  const lone = await seedSimpleSignedImage(plain, repo, 'lone', keys.privateKey, { created: day(1) });
  const rm = await cli(['rm', `${plain.host}/${repo}:lone`, '--keep-attachments']);
  assert.equal(rm.code, 0, rm.err);
  assert.match(rm.out, /Left 1 attachment orphaned/);
  const orphanTag = `${lone.image.digest.replace(':', '-')}.sig`;
  assert.ok((await rawTags(plain, repo)).includes(orphanTag));
  const normal = await cli(['purge', `${plain.host}/${repo}`, '--keep', '5', '--json']);
  const np = JSON.parse(normal.out) as { plan: { attachments: Array<{ tag: string; action: string }> } };
  assert.equal(
    np.plan.attachments.find((a) => a.tag === orphanTag)?.action,
    'keep',
    'a normal purge never deletes an attachment whose image it did not see go',
  );
  const orphans = await cli(['purge', `${plain.host}/${repo}`, '--orphans']);
  assert.equal(orphans.code, 0, orphans.err);
  assert.match(orphans.out, new RegExp(`- ${orphanTag} {2}delete {2}\\(orphan: the image ${lone.image.digest} no longer exists\\)`));
  const orphansApplied = await cli(['purge', `${plain.host}/${repo}`, '--orphans', '--apply']);
  assert.equal(orphansApplied.code, 0, orphansApplied.out + orphansApplied.err);
  assert.deepEqual(await rawTags(plain, repo), ['v3', `${newest.image.digest.replace(':', '-')}.sig`].sort());
});
