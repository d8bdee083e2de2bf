// `dockhand verify REF --key cosign.pub | --cert ca.pem | --trusted-root trusted_root.json [--json]`:
// check the image's signatures offline: cosign simple-signing and keyed sigstore bundles with a
// public key, keyless sigstore bundles with a trusted root, Notation JWS signatures with trusted
// certificates. Exit 0 only when at least one signature verifies; says what was not checked.
import { readFileSync, statSync } from 'node:fs';
import { printJson, UsageError, type Command } from '../command';
import { parseReference, manifestReference } from '../../reference/reference';
import {
  discoverAttachments,
  verifyImageSignatures,
  loadPublicKey,
  loadCertificates,
  parseTrustedRoot,
  KeyError,
  type VerifyTrust,
} from '../../attachments/index';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';
import { terminalSafe } from './attachments-text';

const MAX_TRUST_FILE_BYTES = 1024 * 1024;

function readTrustFile(flag: string, file: string): Buffer {
  try {
    if (statSync(file).size > MAX_TRUST_FILE_BYTES) throw new UsageError(`--${flag} ${file}: larger than ${MAX_TRUST_FILE_BYTES} bytes`);
    return readFileSync(file);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--${flag} ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

function trustFrom(values: Record<string, unknown>): VerifyTrust {
  const str = (k: string) => (typeof values[k] === 'string' ? values[k] : undefined);
  const keyFile = str('key');
  const certFile = str('cert');
  const rootFile = str('trusted-root');
  if (!keyFile && !certFile && !rootFile)
    throw new UsageError(
      'give what to trust: --key cosign.pub (cosign signatures, keyed sigstore bundles), --cert ca.pem (Notation), or --trusted-root trusted_root.json (keyless sigstore bundles)',
    );
  const trust: VerifyTrust = {};
  if (keyFile) {
    try {
      trust.key = loadPublicKey(readTrustFile('key', keyFile));
    } catch (err) {
      if (err instanceof KeyError) throw new UsageError(`--key ${keyFile}: ${err.message}`);
      throw err;
    }
  }
  if (certFile) {
    try {
      trust.certificates = loadCertificates(readTrustFile('cert', certFile));
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--cert ${certFile}: ${(err as Error).message}`);
    }
  }
  if (rootFile) {
    try {
      const json: unknown = JSON.parse(readTrustFile('trusted-root', rootFile).toString('utf8'));
      parseTrustedRoot(json);
      trust.trustedRoot = json;
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--trusted-root ${rootFile}: ${(err as Error).message}`);
    }
  }
  return trust;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: "Check an image's signatures (cosign, sigstore bundles, Notation) with a key, certificate or trusted root (offline)",
  usage: `dockhand verify REF [--key cosign.pub] [--cert ca.pem] [--trusted-root trusted_root.json] [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { key: { type: 'string' }, cert: { type: 'string' }, 'trusted-root': { type: 'string' }, json: { type: 'boolean' }, ...registryOptionFlags },
  async run(args, ctx) {
    const ref = parseReference(onePositional(args, 'image reference'));
    const trust = trustFrom(args.values);
    return withClients(args, ctx, async (client) => {
      const c = client(ref.registry);
      const top = await c.getManifest(ref.repository, manifestReference(ref), { signal: ctx.signal });
      const found = await discoverAttachments(c, ref.repository, top.digest, { signal: ctx.signal, subjectManifest: top, nested: false });
      const result = await verifyImageSignatures(c, ref.repository, top.digest, found.attachments, trust, { signal: ctx.signal });
      if (args.values.json) {
        printJson(ctx, result);
        return result.verified ? 0 : 1;
      }
      if (!result.checks.length) {
        ctx.stdout.write(
          `No signatures found for ${ref.repository}@${top.digest} (looked at the referrers API, ${found.subject.replace(':', '-')}.sig and the tag schema).\n`,
        );
        return 1;
      }
      for (const ch of result.checks) {
        const ok = ch.signatureValid && ch.digestMatches;
        const who = ch.signer ?? ch.dockerReference;
        ctx.stdout.write(
          `${ok ? 'OK  ' : 'FAIL'}  signature ${ch.layer.slice(0, 19)} in ${ch.manifest.slice(0, 19)} (${ch.format ?? 'cosign simple-signing'})${who ? `  ${ch.signer ? 'signer' : 'identity'} ${terminalSafe(who)}` : ''}${ch.problem ? `: ${terminalSafe(ch.problem)}` : ''}\n`,
        );
      }
      ctx.stdout.write(
        result.verified
          ? `Verified: ${ref.repository}@${top.digest} is signed by what you trust (the signed payload names this digest).\n`
          : `Not verified: no signature of ${ref.repository}@${top.digest} checks out with what you gave.\n`,
      );
      for (const n of result.notVerified) ctx.stdout.write(`Not checked: ${n}\n`);
      return result.verified ? 0 : 1;
    });
  },
};
