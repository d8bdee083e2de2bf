// Runs the extension's in-host suites (the real `vscode` API) the way test-electron's
// extensionTestsPath does, in code-server: the server runs with enable-smoke-test-driver,
// the page exposes codeAutomationLog/codeAutomationExit, and the workbench calls
// codeAutomationExit(code) when the tests' run() settles.
import type { Browser } from 'playwright-core';
import type { CodeServer } from './server';

export interface InHostRun {
  exitCode: number;
  logs: string[];
}

export async function runInHost(
  browser: Browser,
  server: CodeServer,
  opts: {
    workspace: string;
    extensionDevelopmentPath: string;
    extensionTestsPath: string;
    timeoutMs?: number;
  },
): Promise<InHostRun> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const logs: string[] = [];
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => {
    resolveExit = r;
  });
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    logs.push(`${type}: ${(args ?? []).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    resolveExit(Number(code));
  });
  const remote = (p: string) => `vscode-remote://${server.host}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(opts.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(opts.extensionTestsPath)],
  ]);
  // A loaded machine (CI runs two test files at a time) can take longer than 30 s to serve the workbench.
  await page.goto(`${server.url}/?folder=${encodeURIComponent(opts.workspace)}&payload=${encodeURIComponent(payload)}`, { timeout: 180_000 });
  const timeoutMs = opts.timeoutMs ?? 300_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`in-host tests did not finish within ${timeoutMs} ms; logs:\n${logs.slice(-40).join('\n')}`)), timeoutMs);
  });
  try {
    const exitCode = await Promise.race([exited, timeout]);
    return { exitCode, logs };
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => {});
  }
}
