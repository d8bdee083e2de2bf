// "Verify Signature…": the one trust file the user picks, read as what it is (a public key for
// cosign signatures and keyed sigstore bundles, certificates for Notation, a sigstore trusted
// root for keyless bundles), and the result in words. Pure (no vscode import).
import { KeyError, loadCertificates, loadPublicKey, parseTrustedRoot, type VerifyTrust, type VerifyResult } from '@dockhand/shared/attachments';

/** What kind of trust a file holds, from its content; throws an Error in the editor's words. */
export function trustFromFile(name: string, text: string): { trust: VerifyTrust; kind: 'public key' | 'certificates' | 'trusted root' } {
  const t = text.trim();
  try {
    if (t.startsWith('{')) {
      const json: unknown = JSON.parse(t);
      parseTrustedRoot(json);
      return { trust: { trustedRoot: json }, kind: 'trusted root' };
    }
    if (/-----BEGIN CERTIFICATE-----/.test(t)) return { trust: { certificates: loadCertificates(t) }, kind: 'certificates' };
    return { trust: { key: loadPublicKey(t) }, kind: 'public key' };
  } catch (err) {
    const why = err instanceof KeyError || err instanceof SyntaxError ? err.message : (err as Error).message;
    throw new Error(
      `${name} is not a public key (cosign.pub), a certificate (Notation) or a sigstore trusted root (trusted_root.json): ${why.replace(/\.$/, '')}. Pick one of those.`,
    );
  }
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The text a person reads after a verification. */
export function verifyMessage(reference: string, r: VerifyResult): string {
  if (!r.checks.length) return `No signature found for ${reference} (looked for cosign signatures, sigstore bundles and Notation signatures).`;
  const good = r.checks.filter((c) => c.signatureValid && c.digestMatches);
  const formats = [...new Set(good.map((c) => c.format ?? 'cosign simple-signing'))];
  const signers = [...new Set(good.map((c) => c.signer).filter((x): x is string => !!x))];
  const problems = [...new Set(r.checks.filter((c) => !(c.signatureValid && c.digestMatches) && c.problem).map((c) => c.problem))];
  const notChecked = r.notVerified.length ? ` Not checked: ${r.notVerified.map((n) => n.replace(/:.*$/, '')).join('; ')}.` : '';
  return r.verified
    ? `Verified: ${reference} (${good.length} of ${plural(r.checks.length, 'signature')}: ${formats.join(', ')}${signers.length ? `; signed by ${signers.join(', ')}` : ''}).${problems.length ? ` Others failed: ${problems.join('; ')}.` : ''}${notChecked}`
    : `Not verified: no signature of ${reference} checks out with this file. ${problems.join('; ')}`;
}
