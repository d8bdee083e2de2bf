// When and how long to wait before retrying: 408/429/5xx and dropped connections, with
// exponential backoff and jitter, honouring Retry-After (seconds or an HTTP date).

export const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
// A server that stayed silent for a whole idle timeout (UND_ERR_HEADERS_TIMEOUT, UND_ERR_BODY_TIMEOUT) is
// reported, not asked again: retrying silence only multiplies the wait.
const RETRYABLE_NETWORK = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails with the wait in its message. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

export function isRetryableNetworkCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NETWORK.has(code);
}

/** Parse Retry-After into milliseconds (undefined when absent or invalid). */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  if (Number.isFinite(t)) return Math.max(0, t - now);
  return undefined;
}

/** How long to wait before retrying a retryable status: its Retry-After, else backoff; undefined when Retry-After asks for more than the policy waits. */
export function retryWait(retryAfter: string | string[] | undefined, attempt: number, policy: RetryPolicy): number | undefined {
  const asked = parseRetryAfter(retryAfter);
  if (asked === undefined) return backoffDelay(attempt, policy);
  return asked <= policy.maxRetryAfterMs ? asked : undefined;
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Resolve after `ms`, or reject with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
