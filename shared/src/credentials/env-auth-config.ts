// DOCKER_AUTH_CONFIG: credentials handed to a process in an environment variable, as the
// docker CLI reads them since v28.3 (CI jobs set it instead of writing config.json).
//
//   DOCKER_AUTH_CONFIG='{"auths": {"registry.example.com": {"auth": base64("user:pass")}}}'
//
// docker's rules: one JSON object holding only "auths"; every entry holds only a non-empty
// "auth". Anything else makes docker ignore the whole variable with a warning, and so does
// Dockhand: the lookup goes on to the files, and the problem is reported by list()
// (`dockhand creds`, the GUIs). Messages never quote the variable (it holds secrets).
import { decodeAuthEntry } from './auth-config-file';
import type { Credential } from './types';

export const DOCKER_AUTH_CONFIG = 'DOCKER_AUTH_CONFIG';
/** A cap on the variable's size: docker's own configs are a few KiB. */
const MAX_ENV_BYTES = 1024 * 1024;

export interface EnvAuthConfig {
  /** Decoded credentials by key, as written in the variable. Empty when unset or ignored. */
  auths: Record<string, Credential>;
  /** Why the variable was ignored, and the fix; undefined when it was used (or unset). */
  problem?: string;
}

function ignored(why: string): EnvAuthConfig {
  return { auths: {}, problem: `${DOCKER_AUTH_CONFIG} is ignored: ${why}. Fix or unset it (docker ignores it too).` };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Read and decode DOCKER_AUTH_CONFIG from `env`. Never throws. */
export function readEnvAuthConfig(env: NodeJS.ProcessEnv): EnvAuthConfig {
  const text = env[DOCKER_AUTH_CONFIG];
  if (text === undefined || text.trim() === '') return { auths: {} };
  if (Buffer.byteLength(text) > MAX_ENV_BYTES) return ignored(`it is larger than ${MAX_ENV_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return ignored('it is not valid JSON (expected {"auths": {"<registry>": {"auth": "<base64 of user:password>"}}})');
  }
  if (!isObject(json)) return ignored('it must be a JSON object with "auths"');
  const extra = Object.keys(json).filter((k) => k !== 'auths');
  if (extra.length) return ignored(`it may hold only "auths", not ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  const auths = json.auths ?? {};
  if (!isObject(auths)) return ignored('"auths" must be an object');
  const out: Record<string, Credential> = {};
  for (const [key, entry] of Object.entries(auths)) {
    if (!isObject(entry)) return ignored(`auths["${key}"] must be an object`);
    const fields = Object.keys(entry).filter((k) => k !== 'auth');
    if (fields.length) return ignored(`auths["${key}"] may hold only "auth" (base64 of user:password), not ${fields.map((k) => JSON.stringify(k)).join(', ')}`);
    if (typeof entry.auth !== 'string' || entry.auth === '') return ignored(`auths["${key}"] has no "auth"`);
    try {
      out[key] = decodeAuthEntry({ auth: entry.auth }, { path: DOCKER_AUTH_CONFIG, key });
    } catch {
      return ignored(`auths["${key}"].auth is not base64 of "username:password"`);
    }
  }
  return { auths: out };
}
