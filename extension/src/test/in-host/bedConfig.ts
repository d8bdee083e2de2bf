// What the outer e2e test tells the in-host suites (registry URLs, CA files, credentials
// for the bed registries), read from the JSON file named by $DOCKHAND_INHOST_CONFIG.
import { readFileSync } from 'node:fs';

export interface InHostBedRegistry {
  url: string;
  host: string;
  caFile?: string;
  username?: string;
  password?: string;
}

export interface InHostConfig {
  /** Which suites to run: a regular expression over test names. */
  filter?: string;
  registries?: Record<string, InHostBedRegistry>;
  workspace?: string;
  [key: string]: unknown;
}

export function inHostConfig(): InHostConfig {
  const file = process.env.DOCKHAND_INHOST_CONFIG;
  if (!file) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as InHostConfig;
}
