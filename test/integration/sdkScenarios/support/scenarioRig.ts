/**
 * Node side of the SDK scenario suites: one gateway, one Chromium and one page per suite file (scenarios share them
 * and run concurrently where the SDK's spec allows). `run` evaluates a self-contained function in the page with
 * `window.scenario` (scenarioPage.ts) and an argument, and returns what it resolves with.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer, type ServerOptions } from '../../../../server/index';
import { launchChromium } from '../../../support/chromium';
import { bundlePage, freshDir } from '../../../support/pageBundle';
import type { ScenarioApi } from './scenarioPage';

export interface ScenarioRig {
  server: RunningServer;
  page: Page;
  run<T, A = null>(fn: (s: ScenarioApi, arg: A) => Promise<T> | T, arg?: A): Promise<T>;
  close(): Promise<void>;
}

let bundled: Promise<string> | null = null;

function bundleScenarioPage(): Promise<string> {
  bundled ??= (async () => {
    const dir = freshDir('sdk-scenarios');
    await bundlePage(dir, {
      entry: path.join(__dirname, 'scenarioPage.ts'),
      script: 'sdk-scenarios.js',
      page: 'index.html',
      title: 'SDK scenarios',
    });
    return dir;
  })();
  return bundled;
}

export async function openScenarioRig(serverOptions: ServerOptions = {}): Promise<ScenarioRig> {
  const staticDir = await bundleScenarioPage();
  const server = await startServer({ port: 0, quiet: true, staticDir, env: {}, ...serverOptions });
  let browser: Browser | null = null;
  try {
    browser = await launchChromium({ autoAcceptMicrophone: true });
    // bypassCSP: run() evaluates the scenario's source in the page (test instrumentation; the page is untouched).
    const context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'], bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => 'scenario' in window);
    const opened = browser;
    return {
      server,
      page,
      run<T, A>(fn: (s: ScenarioApi, arg: A) => Promise<T> | T, arg?: A): Promise<T> {
        return page.evaluate(
          ([source, a]) => {
            const f = (0, eval)(`(${source})`) as (s: unknown, arg: unknown) => unknown;
            return f((window as unknown as { scenario: unknown }).scenario, a);
          },
          [fn.toString(), (arg ?? null) as unknown] as const,
        ) as Promise<T>;
      },
      async close() {
        await opened.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}
