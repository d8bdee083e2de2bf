// The image config blob (Docker and OCI share the shape): validated, then summarized.
import type { Platform } from './manifest';

export interface HistoryEntry {
  created?: string;
  createdBy?: string;
  comment?: string;
  emptyLayer: boolean;
}

export interface ConfigSummary {
  platform: Platform;
  created?: string;
  author?: string;
  env: string[];
  labels: Record<string, string>;
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  user?: string;
  exposedPorts: string[];
  volumes: string[];
  stopSignal?: string;
  history: HistoryEntry[];
  /** diff_ids of the layers, in order. */
  diffIds: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

export class ConfigValidationError extends Error {
  override name = 'ConfigValidationError';
}

/** Validate and summarize an image config. Unknown fields are ignored; wrong types are errors. */
export function summarizeConfig(raw: Buffer | string): ConfigSummary {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new ConfigValidationError('the image config is not valid JSON');
  }
  if (!isObj(json)) throw new ConfigValidationError('the image config is not a JSON object');
  if (json.architecture !== undefined && typeof json.architecture !== 'string') throw new ConfigValidationError('config.architecture must be a string');
  if (json.os !== undefined && typeof json.os !== 'string') throw new ConfigValidationError('config.os must be a string');
  const c = isObj(json.config) ? json.config : isObj(json.container_config) ? json.container_config : {};
  const labels: Record<string, string> = {};
  if (isObj(c.Labels)) for (const [k, v] of Object.entries(c.Labels)) if (typeof v === 'string') labels[k] = v;
  const platform: Platform = { architecture: (json.architecture as string | undefined) ?? 'unknown', os: (json.os as string | undefined) ?? 'unknown' };
  if (typeof json.variant === 'string') platform.variant = json.variant;
  if (typeof json['os.version'] === 'string') platform['os.version'] = json['os.version'];
  const history: HistoryEntry[] = Array.isArray(json.history)
    ? json.history.filter(isObj).map((h) => ({
        ...(typeof h.created === 'string' ? { created: h.created } : {}),
        ...(typeof h.created_by === 'string' ? { createdBy: h.created_by } : {}),
        ...(typeof h.comment === 'string' ? { comment: h.comment } : {}),
        emptyLayer: h.empty_layer === true,
      }))
    : [];
  const rootfs = isObj(json.rootfs) ? json.rootfs : {};
  const summary: ConfigSummary = {
    platform,
    env: strings(c.Env) ?? [],
    labels,
    exposedPorts: isObj(c.ExposedPorts) ? Object.keys(c.ExposedPorts) : [],
    volumes: isObj(c.Volumes) ? Object.keys(c.Volumes) : [],
    history,
    diffIds: strings(rootfs.diff_ids) ?? [],
  };
  if (typeof json.created === 'string') summary.created = json.created;
  if (typeof json.author === 'string') summary.author = json.author;
  const entrypoint = strings(c.Entrypoint);
  if (entrypoint) summary.entrypoint = entrypoint;
  const cmd = strings(c.Cmd);
  if (cmd) summary.cmd = cmd;
  if (typeof c.WorkingDir === 'string' && c.WorkingDir) summary.workingDir = c.WorkingDir;
  if (typeof c.User === 'string' && c.User) summary.user = c.User;
  if (typeof c.StopSignal === 'string') summary.stopSignal = c.StopSignal;
  return summary;
}
