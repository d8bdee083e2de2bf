// Bind mounts of a compose file (services.*.volumes, short "host:container[:mode]" and long
// {type: bind, source, target} forms), so that a container path named in config.yml can be
// checked at its place on this machine. Named volumes are skipped (not on this machine's paths).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { load } from 'js-yaml';

export interface Mount {
  container: string;
  host: string;
}

export function composeMounts(text: string, composeDir: string): Mount[] {
  let doc: unknown;
  try {
    doc = load(text);
  } catch {
    return [];
  }
  const services = (doc as { services?: Record<string, { volumes?: unknown }> } | null)?.services;
  const out: Mount[] = [];
  for (const svc of Object.values(services ?? {})) {
    const vols = svc?.volumes;
    if (!Array.isArray(vols)) continue;
    for (const v of vols) {
      let source: unknown;
      let target: unknown;
      if (typeof v === 'string') {
        const parts = v.split(':');
        if (parts.length < 2) continue;
        [source, target] = parts;
      } else if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'bind') {
        source = (v as { source?: unknown }).source;
        target = (v as { target?: unknown }).target;
      }
      if (typeof source !== 'string' || typeof target !== 'string' || !isAbsolute(target)) continue;
      if (!(source.startsWith('.') || source.startsWith('/') || source.startsWith('~'))) continue; // a named volume
      const host = source.startsWith('~') ? join(process.env.HOME ?? '/', source.slice(1)) : resolve(composeDir, source);
      out.push({ container: target.replace(/\/+$/, '') || '/', host });
    }
  }
  return out;
}

const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** The bind mounts of a compose file beside the config or one folder up (the usual layouts). */
export function nearbyComposeMounts(configDir: string): Mount[] {
  for (const dir of [configDir, dirname(configDir)]) {
    for (const name of COMPOSE_NAMES) {
      const f = join(dir, name);
      try {
        if (!existsSync(f) || statSync(f).size > 1024 * 1024) continue;
        return composeMounts(readFileSync(f, 'utf8'), dir);
      } catch {
        continue;
      }
    }
  }
  return [];
}
