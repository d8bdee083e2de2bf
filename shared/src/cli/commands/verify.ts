// `dockhand verify REF --key cosign.pub [--json]`: check the image's cosign keyed signatures
// offline (simple-signing payload, ECDSA/RSA/Ed25519 key, the signed digest is the image's).
// Exit 0 only when at least one signature verifies; says what was not checked.
import { readFileSync, statSync } from 'node:fs';
import { printJson, UsageError, type Command } from '../command';
import { parseReference, manifestReference } from '../../reference/reference';
import { discoverAttachments, verifyCosignSignatures, loadPublicKey, KeyError } from '../../attachments/index';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';
import { terminalSafe } from './attachments-text';

const MAX_KEY_BYTES = 64 * 1024;

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check an image\'s cosign signatures with a public key (offline: no transparency log)',
  usage: `dockhand verify REF --key cosign.pub [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { key: { type: 'string' }, json: { type: 'boolean' }, ...registryOptionFlags },
  async run(args, ctx) {
    const ref = parseReference(onePositional(args, 'image reference'));
    const keyFile = typeof args.values.key === 'string' ? args.values.key : undefined;
    if (!keyFile) throw new UsageError('give the public key: --key cosign.pub');
    let pem: Buffer;
    try {
      if (statSync(keyFile).size > MAX_KEY_BYTES) throw new UsageError(`--key ${keyFile}: larger than ${MAX_KEY_BYTES} bytes; give a PEM public key`);
      pem = readFileSync(keyFile);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--key ${keyFile}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    let key;
    try { key = loadPublicKey(pem); } catch (err) { if (err instanceof KeyError) throw new UsageError(`--key ${keyFile}: ${err.message}`); throw err; }
    return withClients(args, ctx, async (client) => {
      const c = client(ref.registry);
      const top = await c.getManifest(ref.repository, manifestReference(ref), { signal: ctx.signal });
      const found = await discoverAttachments(c, ref.repository, top.digest, { signal: ctx.signal, subjectManifest: top, nested: false });
      const result = await verifyCosignSignatures(c, ref.repository, top.digest, found.attachments, key, { signal: ctx.signal });
      if (args.values.json) { printJson(ctx, result); return result.verified ? 0 : 1; }
      if (!result.checks.length) {
        ctx.stdout.write(`No cosign signatures found for ${ref.repository}@${top.digest} (looked at the referrers API, ${found.subject.replace(':', '-')}.sig and the tag schema).\n`);
        return 1;
      }
      for (const ch of result.checks) {
        const ok = ch.signatureValid && ch.digestMatches;
        ctx.stdout.write(`${ok ? 'OK  ' : 'FAIL'}  signature ${ch.layer.slice(0, 19)} in ${ch.manifest.slice(0, 19)}${ch.dockerReference ? `  identity ${terminalSafe(ch.dockerReference)}` : ''}${ch.problem ? `: ${terminalSafe(ch.problem)}` : ''}\n`);
      }
      ctx.stdout.write(result.verified
        ? `Verified: ${ref.repository}@${top.digest} is signed with this key (the signed payload names this digest).\n`
        : `Not verified: no signature of ${ref.repository}@${top.digest} checks out with this key.\n`);
      for (const n of result.notVerified) ctx.stdout.write(`Not checked: ${n}\n`);
      return result.verified ? 0 : 1;
    });
  },
};
