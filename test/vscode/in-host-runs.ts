// The in-host suite runs of the extension (extension/src/test/in-host), one list for both
// hosts: code-server (test/e2e/extension-smoke.test.ts, extension-inhost.test.ts) and desktop
// VS Code through @vscode/test-electron (test/vscode/run.ts). Each run selects suites by name.
export interface InHostRunSpec {
  name: string;
  /** Regular expression over the in-host test names ("smoke: ...", "tree: ..."). */
  filter: string;
  /** Needs the extension bed (registries, keyring, dockerd); false: no bed and no D-Bus (SecretStorage fallback). */
  bed: boolean;
}

export const SMOKE_RUN: InHostRunSpec = { name: 'smoke', filter: '^smoke:', bed: false };
export const BED_RUN: InHostRunSpec = { name: 'bed', filter: '^(tree|commands|lint|walkthrough|files):', bed: true };
export const IN_HOST_RUNS: InHostRunSpec[] = [SMOKE_RUN, BED_RUN];
