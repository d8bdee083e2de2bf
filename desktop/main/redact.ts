// Removes secrets that may sneak into error text (Authorization headers, user:pass@ URLs,
// token query parameters) before it leaves the main process.
export function redactSecrets(text: string): string {
  return text
    .replace(/(authorization:\s*)(basic|bearer)\s+[^\s,;"]+/gi, '$1$2 [redacted]')
    .replace(/\b(basic|bearer)\s+[A-Za-z0-9._~+/=-]{16,}/gi, '$1 [redacted]')
    .replace(/(\/\/[^/\s:@]+):[^@\s/]+@/g, '$1:[redacted]@')
    .replace(/([?&](?:token|access_token|password|secret)=)[^&\s]+/gi, '$1[redacted]');
}
