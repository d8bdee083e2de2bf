// The test bed the extension's e2e suites share: a TLS+htpasswd registry whose login lives
// in docker's credsStore (docker-credential-secretservice on a bed gnome-keyring), a plain
// HTTP registry (added through the extension's settings), a sandboxed dockerd with a local
// image, and seeded repositories: 12 small ones for paging, team/app with semver tags and
// siblings sharing a digest, team/multi as a two-platform OCI index.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startRegistry,
  startKeyring,
  startDockerd,
  seedImage,
  seedIndex,
  pushManifest,
  pushBlob,
  sha256,
  makeLocalImage,
  tempDir,
  type RegistryHandle,
  type KeyringHandle,
  type DockerdHandle,
} from '../../bed/index';
import { sandboxDown } from '../../../shared/src/sandbox/sandbox';
import { generateKeyPairSync } from 'node:crypto';
import { seedSimpleSignedImage, pushCosignSignature } from '../../bed/attachments-seed';
import { makeNotationPki, pushBundleAndNotation } from '../../bed/signing-seed';

export interface ExtensionBed {
  tls: RegistryHandle;
  plain: RegistryHandle;
  /** TLS registry that requires a client certificate (mTLS), holding secure/app:1.0. */
  mtls: RegistryHandle;
  keyring: KeyringHandle;
  dockerd: DockerdHandle;
  /** Environment for code-server (and so the extension host). */
  env: Record<string, string>;
  dir: string;
  /** What was seeded (digests are the oracle). */
  seeded: {
    pagingRepos: string[];
    allTlsRepos: string[];
    appTags: Record<string, string>;
    multiDigest: string;
    multiPlatforms: string[];
    /** The SBOM artifact referring to team/multi:1.0. */
    sbomDigest: string;
    plainRepo: string;
    plainTags: Record<string, string>;
    /** play/signed on the plain registry: v1 and v2, each with a cosign signature (its manifest digest by tag). */
    signedRepo: string;
    signatures: Record<string, string>;
    /** An image signed three ways (cosign, sigstore bundle, Notation JWS) and the trust files for them. */
    supply: { repo: string; tag: string; keyFile: string; caFile: string; wrongKeyFile: string };
    localImage: string;
  };
  stop(): Promise<void>;
}

function storeInHelper(env: NodeJS.ProcessEnv, serverUrl: string, username: string, secret: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('docker-credential-secretservice', ['store'], { env, timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`docker-credential-secretservice store failed: ${stderr || stdout || err.message}`)) : resolve(),
    );
    child.stdin?.end(JSON.stringify({ ServerURL: serverUrl, Username: username, Secret: secret }));
  });
}

export async function startExtensionBed(): Promise<ExtensionBed> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const dir = tempDir('dockhand-ext-bed-');
    // A sandbox registry started from the extension (walkthrough) lives here and is stopped with the bed.
    stops.push(async () => {
      await sandboxDown({ dir: join(dir, 'sandbox') });
    });
    const keyring = await startKeyring();
    stops.push(() => keyring.stop());
    const [tls, plain, mtls, dockerd] = await Promise.all([
      startRegistry({ tls: true, htpasswd: true }),
      startRegistry(),
      startRegistry({ mtls: true }),
      startDockerd(),
    ]);
    stops.push(
      () => tls.stop(),
      () => plain.stop(),
      () => mtls.stop(),
      () => dockerd.stop(),
    );
    await seedImage(mtls, 'secure/app', '1.0', { layerSizes: [300] });

    // docker's config: credsStore secretservice, the secret in the bed keyring.
    writeFileSync(join(dockerd.dockerConfigDir, 'config.json'), JSON.stringify({ credsStore: 'secretservice', auths: { [tls.host]: {} } }, null, 2));
    await storeInHelper({ ...process.env, ...keyring.env }, tls.host, tls.username!, tls.password!);

    const pagingRepos = Array.from({ length: 12 }, (_, i) => `team/svc-${String(i).padStart(2, '0')}`);
    await Promise.all(pagingRepos.map((r) => seedImage(tls, r, '1.0', { layerSizes: [256] })));
    const appTags: Record<string, string> = {};
    const dates: Record<string, string> = { '1.0.0': '2024-01-10T00:00:00Z', '1.2.0': '2025-03-01T00:00:00Z', '1.10.0': '2024-06-01T00:00:00Z' };
    for (const tag of ['1.0.0', '1.2.0'])
      appTags[tag] = (
        await seedImage(tls, 'team/app', tag, { layerSizes: [512, 1024], created: dates[tag], labels: { 'org.opencontainers.image.version': tag } })
      ).digest;
    const v110 = await seedImage(tls, 'team/app', '1.10.0', {
      layerSizes: [512, 1024],
      created: dates['1.10.0'],
      labels: { 'org.opencontainers.image.version': '1.10.0' },
    });
    appTags['1.10.0'] = v110.digest;
    for (const sibling of ['latest', 'stable']) {
      await pushManifest(tls, 'team/app', sibling, v110.mediaType, v110.manifestBytes);
      appTags[sibling] = v110.digest;
    }
    const multiPlatforms = ['linux/amd64', 'linux/arm64/v8'];
    const multi = await seedIndex(tls, 'team/multi', '1.0', multiPlatforms);
    // An SBOM referring to the index, found through the OCI 1.1 tag-schema fallback
    // (distribution 2.8 has no referrers API): artifact manifest + index at tag sha256-<hex>.
    const sbomType = 'application/spdx+json';
    const emptyDigest = await pushBlob(tls, 'team/multi', Buffer.from('{}'));
    const sbomBlob = Buffer.from(JSON.stringify({ spdxVersion: 'SPDX-2.3', name: 'team/multi' }));
    const sbomLayer = await pushBlob(tls, 'team/multi', sbomBlob);
    const sbomManifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: sbomType,
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: 2 },
        layers: [{ mediaType: sbomType, digest: sbomLayer, size: sbomBlob.length }],
        subject: { mediaType: multi.mediaType, digest: multi.digest, size: multi.size },
      }),
    );
    const sbomDigest = await pushManifest(tls, 'team/multi', sha256(sbomManifest), 'application/vnd.oci.image.manifest.v1+json', sbomManifest);
    const referrersIndex = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sbomDigest, size: sbomManifest.length, artifactType: sbomType }],
      }),
    );
    await pushManifest(tls, 'team/multi', multi.digest.replace(':', '-'), 'application/vnd.oci.image.index.v1+json', referrersIndex);

    const plainRepo = 'play/app';
    const plainTags: Record<string, string> = {};
    const one = await seedImage(plain, plainRepo, '1.0', { layerSizes: [300] });
    plainTags['1.0'] = one.digest;
    await pushManifest(plain, plainRepo, 'latest', one.mediaType, one.manifestBytes);
    plainTags.latest = one.digest;
    plainTags['2.0'] = (await seedImage(plain, plainRepo, '2.0', { layerSizes: [400] })).digest;
    const un = await seedImage(plain, 'play/untag', 'a', { layerSizes: [100] });
    await pushManifest(plain, 'play/untag', 'b', un.mediaType, un.manifestBytes);

    const signedRepo = 'play/signed';
    const signKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const signatures: Record<string, string> = {};
    for (const t of ['v1', 'v2']) signatures[t] = (await seedSimpleSignedImage(plain, signedRepo, t, signKey)).signature.digest;

    // Verify Signature…: one image with a cosign signature, a sigstore bundle and a Notation signature.
    const supplyKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pkiDir = join(dir, 'pki');
    mkdirSync(pkiDir, { recursive: true });
    const pki = makeNotationPki(pkiDir);
    const supplyImg = await seedImage(plain, 'play/supply', 'v1', { format: 'oci', layerSizes: [256] });
    await pushCosignSignature(plain, 'play/supply', supplyImg.digest, supplyKeys.privateKey);
    await pushBundleAndNotation(
      plain,
      'play/supply',
      { mediaType: supplyImg.mediaType, digest: supplyImg.digest, size: supplyImg.manifestBytes.length },
      supplyKeys.privateKey,
      pki,
    );
    const supply = { repo: 'play/supply', tag: 'v1', keyFile: join(dir, 'supply-cosign.pub'), caFile: join(dir, 'supply-ca.pem'), wrongKeyFile: join(dir, 'wrong.pub') };
    writeFileSync(supply.keyFile, supplyKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    writeFileSync(supply.caFile, pki.caPem);
    writeFileSync(supply.wrongKeyFile, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString());

    const localImage = 'dockhand-local/app:dev';
    await makeLocalImage(dockerd, localImage, { layerSizes: [4096] });

    const env: Record<string, string> = {
      ...keyring.env,
      DOCKER_CONFIG: dockerd.dockerConfigDir,
      DOCKER_HOST: dockerd.env.DOCKER_HOST,
      NODE_EXTRA_CA_CERTS: tls.caFile!,
      REGISTRY_AUTH_FILE: join(dir, 'no-auth.json'),
      DOCKHAND_SANDBOX_DIR: join(dir, 'sandbox'),
    };
    const allTlsRepos = [...pagingRepos, 'team/app', 'team/multi'].sort();
    return {
      tls,
      plain,
      mtls,
      keyring,
      dockerd,
      env,
      dir,
      seeded: {
        pagingRepos,
        allTlsRepos,
        appTags,
        multiDigest: multi.digest,
        multiPlatforms,
        sbomDigest,
        plainRepo,
        plainTags,
        signedRepo,
        signatures,
        supply,
        localImage,
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
