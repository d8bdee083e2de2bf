// Where docker's config.json and the containers auth.json live, and rewriting config.json
// safely: atomically (temp file in the same folder, fsync, rename), keeping the file's mode,
// its formatting (only the changed members are edited, json-text-edit.ts) and every key
// Dockhand does not own, and only after the current text parsed cleanly.
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { stat, mkdir } from 'node:fs/promises';
import { writeExclusiveThenRename } from '../files/write-exclusive-rename';
import { readAuthConfigFile, parseAuthConfigText, type AuthConfigFile } from './auth-config-file';
import { CredentialConfigError } from './errors';
import { editJsonText } from './json-text-edit';

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** $DOCKER_CONFIG/config.json, else ~/.docker/config.json (like the docker CLI). */
export function dockerConfigPath(env: NodeJS.ProcessEnv, dir?: string): string {
  return join(dir ?? env.DOCKER_CONFIG ?? join(home(env), '.docker'), 'config.json');
}

/**
 * The containers auth.json files to read, in order (containers-auth.json(5)):
 * $REGISTRY_AUTH_FILE alone when set; else $XDG_RUNTIME_DIR/containers/auth.json, then
 * ~/.config/containers/auth.json.
 */
export function authJsonPaths(env: NodeJS.ProcessEnv, explicit?: string): string[] {
  if (explicit) return [explicit];
  if (env.REGISTRY_AUTH_FILE) return [env.REGISTRY_AUTH_FILE];
  const out: string[] = [];
  if (env.XDG_RUNTIME_DIR) out.push(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
  out.push(join(env.XDG_CONFIG_HOME || join(home(env), '.config'), 'containers', 'auth.json'));
  return out;
}

export const readDockerConfig = readAuthConfigFile;

/**
 * Rewrite config.json through `mutate`, which edits the parsed JSON object in place and
 * returns false when nothing needs writing. The file is re-read and validated right before
 * the change (so the edit applies to its current content); if it does not parse, nothing is written.
 */
export async function updateDockerConfig(path: string, mutate: (json: Record<string, unknown>, parsed: AuthConfigFile) => boolean): Promise<boolean> {
  const current = await readAuthConfigFile(path); // throws (positioned) on malformed text
  const parse = (): Record<string, unknown> => (current.text.trim() ? (JSON.parse(current.text) as Record<string, unknown>) : {});
  const json = parse();
  if (!mutate(json, current)) return false;
  const text = editJsonText(current.text, parse(), json);
  parseAuthConfigText(path, text); // what we write must read back
  let mode = 0o600;
  try {
    mode = (await stat(path)).mode & 0o777;
  } catch {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  }
  try {
    await writeExclusiveThenRename(path, text, mode);
  } catch (err) {
    throw new CredentialConfigError(
      `${path}: could not be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the file was left as it was.`,
      path,
    );
  }
  return true;
}
