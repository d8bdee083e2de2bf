// Constant-time token comparison (hash both sides so lengths do not leak either).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token a request carries: `Authorization: Bearer T`, or the named header. */
export function requestToken(headers: IncomingHttpHeaders, headerName?: string): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  if (headerName) {
    const v = headers[headerName.toLowerCase()];
    if (typeof v === 'string') return v.trim();
  }
  return undefined;
}
