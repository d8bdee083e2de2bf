// Harness for the desktop e2e tests: builds the desktop bundles, starts the served mode
// (desktop/dist/server.js, the real main-process handlers) as a tracked process, and
// opens its renderer in Debian's Chromium through playwright-core.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePort, logTail, startProcess, tempDir, waitFor, type TrackedProcess } from '../bed/index';
import { assertAccessible } from './axe';

export const REPO_ROOT = process.env.DOCKHAND_REPO_ROOT ?? resolve(__dirname, '../..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test/.artifacts/screenshots');
export const CHROMIUM = process.env.DOCKHAND_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let built = false;
/** esbuild the desktop bundles once per test process (about a second). */
export function buildDesktop(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['desktop/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`desktop build failed: ${r.stderr || r.stdout}`);
  built = true;
}

export interface ServedApp {
  url: string;
  origin: string;
  token: string;
  stateDir: string;
  process: TrackedProcess;
  stop(): Promise<void>;
}

/** Start `node desktop/dist/server.js` with its own state folder and environment. */
export async function startServed(env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<ServedApp> {
  buildDesktop();
  const dir = tempDir('dockhand-desktop-');
  const stateDir = join(dir, 'state');
  const logFile = join(dir, 'server.log');
  const port = await freePort();
  const proc = startProcess(process.execPath, [join(REPO_ROOT, 'desktop/dist/server.js'), '--port', String(port), '--state-dir', stateDir, ...args], {
    logFile,
    cwd: dir,
    env: { ...process.env, HOME: dir, DOCKER_CONFIG: join(dir, '.docker'), ...env },
  });
  const url = await waitFor(
    'the served mode to print its URL',
    async () => {
      const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      return /Dockhand is served at (http:\/\/\S+)/.exec(text)?.[1];
    },
    { timeoutMs: 30000, abortIf: () => (proc.hasExited() ? `server exited: ${logTail(logFile)}` : undefined) },
  );
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: /token=([^&]+)/.exec(parsed.hash)![1],
    stateDir,
    process: proc,
    stop: () => proc.stop(),
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export async function openBrowser(url: string, opts: { theme?: 'light' | 'dark' } = {}): Promise<Browser> {
  const context = await chromium.launchPersistentContext(tempDir('dockhand-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1360, height: 860 },
    colorScheme: opts.theme ?? 'dark',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url, { timeout: 120_000 });
  if (url !== 'about:blank') await page.waitForSelector('body[data-ready]', { timeout: 60000 });
  return { context, page, problems, close: () => context.close() };
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  // What the sidebar's theme toggle does (applyTheme), also while a modal dialog covers it.
  await page.evaluate((kind) => {
    document.body.classList.toggle('vscode-light', kind === 'light');
    document.body.classList.toggle('vscode-dark', kind === 'dark');
    document.body.dataset.theme = kind;
  }, theme);
  await page.waitForSelector(`body[data-theme="${theme}"]`);
  await page.waitForTimeout(150); // the toolkit re-reads the CSS variables on the class change
}

/**
 * Screenshot to test/.artifacts/screenshots/desktop-<name>.png, in both themes when asked,
 * and an axe-core check of the screen in each theme (no serious or critical violation).
 */
export async function screenshot(page: Page, name: string, themes: Array<'light' | 'dark'> = ['dark', 'light']): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  const original = (await page.getAttribute('body', 'data-theme')) as 'light' | 'dark';
  for (const theme of themes) {
    await setTheme(page, theme);
    const file = join(SCREENSHOT_DIR, `desktop-${name}-${theme}.png`);
    await page.screenshot({ path: file });
    files.push(file);
    await assertAccessible(page, `${name} (${theme} theme)`);
  }
  await setTheme(page, original);
  return files;
}

/** Add a plain-HTTP registry through the Add Registry dialog, as a person would. */
export async function addRegistryByUrl(page: Page, url: string): Promise<void> {
  await page.click('#add-registry');
  await page.waitForSelector('#add-registry-dialog[open]');
  await page.locator('#add-url input').fill(url);
  await page.click('#add-registry-dialog-submit');
  await page.waitForSelector('#add-registry-dialog', { state: 'detached', timeout: 60000 });
}

/** The served mode with a fresh HOME whose docker config.json is empty (no logins) and no auth.json. */
export async function startServedEmptyDocker(prefix: string, env: NodeJS.ProcessEnv = {}): Promise<{ served: ServedApp; home: string }> {
  const home = tempDir(prefix);
  mkdirSync(join(home, '.docker'));
  writeFileSync(join(home, '.docker/config.json'), '{}\n');
  const served = await startServed({ HOME: home, DOCKER_CONFIG: join(home, '.docker'), REGISTRY_AUTH_FILE: join(home, 'auth.json'), ...env });
  return { served, home };
}

/** Call the served mode's API as the renderer does (bearer token); throws the handler's error message. */
export async function servedApi<T>(served: ServedApp, channel: string, ...args: unknown[]): Promise<T> {
  const res = await fetch(`${served.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}` },
    body: JSON.stringify({ args }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${channel}: ${body.error.message}`);
  return body.result as T;
}
