/**
 * Headless Chromium, page bundles and the local server for the browser benchmarks. All traffic stays on
 * loopback: the server listens on localhost and every page is loaded from it.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index';
import { launchChromium } from '../../test/support/chromium';
import { REPO_ROOT } from '../../test/support/dist';
import { bundlePage } from '../../test/support/pageBundle';

export const BENCH_DIR = path.join(__dirname, '..');

/** On top of the shared Chromium flags (test/support/chromium.ts). */
const BENCH_CHROMIUM_ARGS = [
  // Background throttling would stretch timers in pages that are not focused.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // gc() and unquantised performance.memory for the leak benchmark.
  '--js-flags=--expose-gc',
  '--enable-precise-memory-info',
];

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await launchChromium({ autoAcceptMicrophone: true, extraArgs: BENCH_CHROMIUM_ARGS });
  const context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'] });
  // Benchmarks talk to loopback only: anything else is refused before it leaves the browser.
  await context.route(/^(?!https?:\/\/(?:[a-z0-9-]+\.)*localhost(?::\d+)?\/).*/, (route) => route.abort());
  return {
    browser,
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}

export interface PageBundle {
  /** Entry file (TypeScript), relative to bench/pages. */
  entry: string;
  /** The script's name in the static dir. */
  script: string;
  /** Module substitutions, e.g. React's profiling build (production React calls no Profiler `onRender`). */
  alias?: Record<string, string>;
}

/** react-dom's production build with Profiler timing enabled. */
export const REACT_PROFILING_ALIAS = { 'react-dom/client': 'react-dom/profiling' };

/** Bundles page scripts (iife, with the project's sources) into `dir`, each with an html page of the same name. */
export async function bundlePages(dir: string, bundles: readonly PageBundle[]): Promise<void> {
  for (const { entry, script, alias } of bundles) {
    // Readable output: esbuild marks each module with a `// path` comment, which lib/profile.ts uses to attribute CPU time.
    await bundlePage(dir, {
      entry: path.join(BENCH_DIR, 'pages', entry),
      script,
      body: '<div id="root"></div>',
      define: { 'process.env.NODE_ENV': '"production"' },
      minifySyntax: true,
      ...(alias ? { alias } : {}),
    });
  }
}

const created: string[] = [];
process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `bench-${prefix}-`));
  created.push(dir);
  return dir;
}

/** A copy of a built dist/ (plus bench pages added later), so a concurrent rebuild cannot change it mid-run. */
export function snapshotDist(dist: string): string {
  const dir = tempDir('dist');
  cpSync(dist, dir, { recursive: true });
  return dir;
}

export async function startBenchServer(
  staticDir: string,
  opts: Omit<ServerOptions, 'staticDir'> = {},
): Promise<RunningServer> {
  return startServer({ port: 0, quiet: true, env: {}, staticDir, certDir: path.join(REPO_ROOT, '.cert'), ...opts });
}

/** Opens `url` and waits until `window[global]` exists. */
export async function openPage(context: BrowserContext, url: string, global: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page ${url}]`, error.message));
  await page.goto(url);
  await page.waitForFunction((name) => name in window, global);
  return page;
}
