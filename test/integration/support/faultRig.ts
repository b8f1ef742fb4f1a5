/**
 * The fault matrix's rig: a shared Chromium, and per row its own server (ephemeral port, its own secret dir) and
 * browser context, so rows run concurrently without seeing each other's faults.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import type { SoftphoneState } from '../../../src/contract/schema';
import { startServer, type RunningServer, type ServerOptions } from '../../../server/index';
import type { StartOptions } from './serviceHarness';
import { ServicePage } from './servicePage';

export interface Row {
  server: RunningServer;
  context: BrowserContext;
  /** Where this row's server keeps its certificate and signing secret (a restart reuses it). */
  certDir: string;
  phone(identity: string, options?: StartOptions): Promise<ServicePage>;
  /** Stops the server and starts it again in-process on the same port with the same secret dir. */
  restartServer(): Promise<number>;
  close(): Promise<void>;
}

export const isRegistered = (s: SoftphoneState): boolean => s.device.state === 'registered';

/** One row's server and context. `serverOptions` are the row's gateway tuning. */
export async function openRow(browser: Browser, staticDir: string, serverOptions: ServerOptions = {}): Promise<Row> {
  const certDir = mkdtempSync(path.join(tmpdir(), 'fault-row-'));
  const options: ServerOptions = { port: 0, quiet: true, staticDir, env: {}, certDir, ...serverOptions };
  let server = await startServer(options);
  // waitForState evaluates predicate source in the page (test instrumentation), which the server's CSP forbids.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'], bypassCSP: true });
  const row: Row = {
    get server() {
      return server;
    },
    context,
    certDir,
    async phone(identity, startOptions = {}) {
      const page = await ServicePage.open(context, server.origin, identity, startOptions);
      await page.waitForState(isRegistered, null, { timeout: 15_000 });
      return page;
    },
    async restartServer() {
      const port = server.port;
      await server.close();
      server = await startServer({ ...options, port });
      return Date.now();
    },
    async close() {
      await context.close();
      await server.close();
    },
  };
  return row;
}

/** Polls `condition` (node side) every 50 ms until it holds; resolves with the milliseconds it took. */
export async function within(ms: number, condition: () => boolean | Promise<boolean>, what: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await condition()) return Date.now() - t0;
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The gateway would route a call to `identity` (an open, authorized, registered socket). */
export function routable(server: RunningServer, identity: string): boolean {
  return server.gateway.registrations().some((r) => r.identity === identity && r.registered && !r.tokenExpired);
}

/** Holds a fault for its scenario's duration (the fault itself, not a wait for a condition). */
export function hold(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
