// Starts code-server for end-to-end tests: its own config, user-data and extensions
// folders in a temp dir, started in its own process group (the bed's startProcess) and
// stopped as a group, so its helpers never outlive the test.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startProcess, logTail, waitFor, type TrackedProcess } from '../../bed/processes';
import { tempDir } from '../../bed/temp';
import { freePort } from '../../bed/ports';
import { codeServerEntry, node24 } from './tools';

const run = promisify(execFile);

export interface CodeServerOptions {
  workspace: string;
  /** Adds --vscode-option enable-smoke-test-driver (needed for in-host tests; hides toasts). */
  smokeTestDriver?: boolean;
  /** Extra environment for the server and its extension host (keyring, DOCKER_HOST, in-host config). */
  env?: Record<string, string>;
  /** VS Code user settings. */
  settings?: Record<string, unknown>;
  /** .vsix files to install before starting. */
  vsix?: string[];
}

export interface CodeServer {
  url: string;
  host: string;
  port: number;
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  process: TrackedProcess;
  stop(): Promise<void>;
}

const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function dirsArgs(dir: string): string[] {
  return ['--config', join(dir, 'config.yaml'), '--user-data-dir', join(dir, 'user-data'), '--extensions-dir', join(dir, 'extensions')];
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const dir = tempDir('dockhand-code-server-');
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  writeFileSync(join(dir, 'config.yaml'), `bind-addr: ${host}\nauth: none\ncert: false\n`);
  mkdirSync(join(dir, 'user-data/User'), { recursive: true });
  mkdirSync(join(dir, 'extensions'), { recursive: true });
  writeFileSync(join(dir, 'user-data/User/settings.json'), JSON.stringify({ ...baseSettings, ...opts.settings }, null, 2));
  const env = { ...process.env, ...opts.env } as NodeJS.ProcessEnv;
  delete env.NODE_OPTIONS; // tsx's loader must not leak into the server
  for (const vsix of opts.vsix ?? []) {
    await run(node24, [codeServerEntry, ...dirsArgs(dir), '--install-extension', vsix, '--force'], { env, timeout: 120_000 });
  }
  const logFile = join(dir, 'code-server.log');
  const args = [
    codeServerEntry,
    ...dirsArgs(dir),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '5',
    ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    opts.workspace,
  ];
  const proc = startProcess(node24, args, { env, logFile, cwd: dir });
  const url = `http://${host}`;
  await waitFor(
    'code-server /healthz',
    async () => {
      const r = await fetch(`${url}/healthz`).catch(() => undefined);
      return r?.ok ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200, abortIf: () => (proc.hasExited() ? `code-server exited:\n${logTail(logFile)}` : undefined) },
  );
  return {
    url,
    host,
    port,
    dir,
    logFile,
    process: proc,
    userDataDir: join(dir, 'user-data'),
    extensionsDir: join(dir, 'extensions'),
    stop: () => proc.stop(5000),
  };
}

/** `code-server --list-extensions --show-versions` for the server's folders. */
export async function listExtensions(server: Pick<CodeServer, 'dir'>): Promise<string[]> {
  const { stdout } = await run(node24, [codeServerEntry, ...dirsArgs(server.dir), '--list-extensions', '--show-versions'], { timeout: 60_000 });
  return stdout
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}
