// What the outer e2e test tells the in-host suites (registry URLs and credentials of the
// bed, what was seeded), read from the JSON file named by $DOCKHAND_INHOST_CONFIG.
import { readFileSync } from 'node:fs';

export interface InHostConfig {
  /** Which tests to run: a regular expression over test names. */
  filter?: string;
  workspace?: string;
  tls?: { url: string; host: string; username: string; password: string; caFile: string };
  plain?: { url: string; host: string };
  /** A TLS registry that requires a client certificate (secure/app:1.0), its CA and the client pair. */
  mtls?: { host: string; caFile: string; clientCertFile: string; clientKeyFile: string };
  seeded?: {
    pagingRepos: string[];
    allTlsRepos: string[];
    appTags: Record<string, string>;
    multiDigest: string;
    multiPlatforms: string[];
    plainRepo: string;
    plainTags: Record<string, string>;
    signedRepo: string;
    signatures: Record<string, string>;
    supply: { repo: string; tag: string; keyFile: string; caFile: string; wrongKeyFile: string };
    localImage: string;
  };
}

export function inHostConfig(): InHostConfig {
  const file = process.env.DOCKHAND_INHOST_CONFIG;
  if (!file) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as InHostConfig;
}

/** The config with the bed parts present, or an error naming what is missing. */
export function bedConfig(): Required<Pick<InHostConfig, 'tls' | 'plain' | 'seeded' | 'workspace'>> {
  const c = inHostConfig();
  if (!c.tls || !c.plain || !c.seeded || !c.workspace)
    throw new Error('in-host config lacks the bed (tls, plain, seeded, workspace); run through test/e2e/extension-registries.test.ts');
  return { tls: c.tls, plain: c.plain, seeded: c.seeded, workspace: c.workspace };
}
