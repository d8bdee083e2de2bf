// Where the desktop VS Code for the in-host suites comes from: $VSCODE_EXECUTABLE_PATH, else a
// download by @vscode/test-electron into .vscode-test/ (cached; needs update.code.visualstudio.com).
// Every way of not finding one ends in a reason, within a deadline: nothing here hangs.
import { accessSync, constants, statSync } from 'node:fs';
import { downloadAndUnzipVSCode, type ProgressReport, type ProgressReporter } from '@vscode/test-electron';

/** Quiet until a download really starts (a failed lookup stays one line), then one line per step. */
function downloadReporter(log: (line: string) => void): ProgressReporter {
  return {
    report(r: ProgressReport) {
      if (r.stage === 'resolvingCDNLocation') log(`test:vscode: downloading VS Code from ${r.url}`);
      else if (r.stage === 'retrying') log(`test:vscode: download failed (${r.error.message}), attempt ${r.attempt + 1} of ${r.totalAttempts}`);
      else if (r.stage === 'newInstallComplete') log(`test:vscode: VS Code unpacked in ${r.downloadedPath}`);
    },
    error() {
      /* the lookup's result carries the reason */
    },
  };
}

export type VsCodeLookup = { path: string; how: string } | { missing: string };

export interface FindVsCodeOptions {
  env: NodeJS.ProcessEnv;
  /** test-electron's cache folder (.vscode-test). */
  cachePath: string;
  /** "stable" (default), "insiders" or "1.90.0". */
  version?: string;
  /** Idle time-out of each download request (test-electron's own). Default 20 s. */
  idleTimeoutMs?: number;
  /** The whole lookup, download included. Default 15 min. */
  deadlineMs?: number;
  /** Progress lines of a real download. Default: stderr. */
  log?: (line: string) => void;
}

function fromEnv(path: string): VsCodeLookup {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return { missing: `VSCODE_EXECUTABLE_PATH=${path} does not exist` };
  }
  if (!isFile) return { missing: `VSCODE_EXECUTABLE_PATH=${path} is not a file (give the VS Code binary, e.g. /usr/share/code/code)` };
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return { missing: `VSCODE_EXECUTABLE_PATH=${path} is not executable` };
  }
  return { path, how: 'VSCODE_EXECUTABLE_PATH' };
}

const oneLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();

export async function findVsCode(opts: FindVsCodeOptions): Promise<VsCodeLookup> {
  const explicit = opts.env.VSCODE_EXECUTABLE_PATH;
  if (explicit) return fromEnv(explicit);
  const version = opts.version ?? 'stable';
  const deadlineMs = opts.deadlineMs ?? 15 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<VsCodeLookup>((resolve) => {
    timer = setTimeout(
      () => resolve({ missing: `VSCODE_EXECUTABLE_PATH is not set and downloading VS Code ${version} took longer than ${Math.round(deadlineMs / 1000)} s` }),
      deadlineMs,
    );
    timer.unref();
  });
  const download = downloadAndUnzipVSCode({
    version,
    cachePath: opts.cachePath,
    timeout: opts.idleTimeoutMs ?? 20_000,
    reporter: downloadReporter(opts.log ?? ((l) => process.stderr.write(`${l}\n`))),
  }).then(
    (path): VsCodeLookup => ({ path, how: `downloaded VS Code ${version} (cache ${opts.cachePath})` }),
    (err: unknown): VsCodeLookup => ({ missing: `VSCODE_EXECUTABLE_PATH is not set and VS Code ${version} could not be downloaded (${oneLine(err)})` }),
  );
  try {
    return await Promise.race([download, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
