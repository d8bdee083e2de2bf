// Removes secrets from text meant for a log or a message: Authorization headers, bearer
// and basic credentials, password/token fields in JSON or key=value form, and URL userinfo.
const patterns: Array<[RegExp, string]> = [
  [/(authorization\s*[:=]\s*)(basic|bearer)?\s*[^\s",]+/gi, '$1$2 ***'],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 ***'],
  [/("?(?:password|secret|token|identitytoken|registrytoken|access_token|refresh_token|auth)"?\s*[:=]\s*)("[^"]*"|[^\s,}&]+)/gi, '$1***'],
  [/(\/\/)[^/@\s:]+:[^/@\s]+@/g, '$1***@'],
];

export function redact(text: string): string {
  let out = text;
  for (const [re, rep] of patterns) out = out.replace(re, rep);
  return out;
}
