// REGISTRY_* variables from text: a docker/compose `.env` file (KEY=VALUE lines) or a
// compose file, whose services' `environment:` (list or map) are collected. Pure.
import { load } from 'js-yaml';

export function parseEnvText(text: string, fileName = ''): Record<string, string> {
  if (/\.ya?ml$/i.test(fileName) || /^\s*services\s*:/m.test(text)) {
    const out: Record<string, string> = {};
    let doc: unknown;
    try {
      doc = load(text);
    } catch {
      return parseDotEnv(text);
    }
    const services = (doc as { services?: Record<string, { environment?: unknown }> } | null)?.services;
    for (const svc of Object.values(services ?? {})) {
      const env = svc?.environment;
      if (Array.isArray(env)) Object.assign(out, parseDotEnv(env.map(String).join('\n')));
      else if (env && typeof env === 'object') for (const [k, v] of Object.entries(env)) out[k] = v === null || v === undefined ? '' : String(v);
    }
    return out;
  }
  return parseDotEnv(text);
}

function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if (/^"(.*)"$/.test(v) || /^'(.*)'$/.test(v)) v = v.slice(1, -1);
    out[m[1]] = v;
  }
  return out;
}
