/**
 * The packed package in hosts written from scratch, each calling the echo number +14155550100 through the local
 * gateway: a React host bundled by a real bundler mounting the ESM build through single-spa-react's <Parcel>, and
 * a create-single-spa–style root config on another origin loading the SystemJS module cross-origin (CORS_ORIGINS).
 * A page on an origin not in CORS_ORIGINS cannot load the module.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/index';
import { launchChromium } from '../support/chromium';
import { moduleFiles } from '../build/support/moduleFiles';
import { assertBuilt, DIST_DIR } from '../support/dist';
import { instrumentPage, waitForPackets, type PageProblems } from './support/browserProbe';
import { writeHostProject, writeSibling } from './support/hostProject';
import { installTarball, packPackage } from './support/packedInstall';
import { rootConfigFiles } from './support/rootConfig';
import { startStaticHost, type StaticHost } from './support/staticHost';

const ECHO = '+14155550100';

let work: string;
let browser: Browser;
let context: BrowserContext;
let softphoneServer: RunningServer;
let reactHost: StaticHost;
let rootConfigHost: StaticHost;
let strangerHost: StaticHost;

async function bundleReactHost(): Promise<void> {
  const entry = writeHostProject(work);
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: path.join(work, 'out', 'main.js'),
    absWorkingDir: work,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  // The sibling bundles everything it imports, RxJS included: a second RxJS beside the shell's shared one.
  await build({
    entryPoints: [writeSibling(work)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: path.join(work, 'out', 'sibling.js'),
    absWorkingDir: work,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
}

beforeAll(async () => {
  assertBuilt();
  work = mkdtempSync(path.join(tmpdir(), 'softphone-hosts-'));
  installTarball(work, packPackage(work), ['@types/react', '@types/react-dom']);
  await bundleReactHost();
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React host</title></head>';
  reactHost = await startStaticHost({
    '/': `${html}<body><div id="root"></div><script type="module" src="/main.js"></script></body></html>`,
    '/main.js': { file: path.join(work, 'out', 'main.js') },
  });
  // The root config needs the softphone's origin for its import map, and the server the shells' origins: the
  // shells' ports are known first, their pages are filled in once the softphone server listens.
  const rootFiles: Record<string, string | { file: string }> = {};
  rootConfigHost = await startStaticHost(rootFiles);
  const strangerFiles: Record<string, string | { file: string }> = {};
  strangerHost = await startStaticHost(strangerFiles);
  softphoneServer = await startServer({
    port: 0,
    host: 'localhost',
    quiet: true,
    staticDir: DIST_DIR,
    env: { CORS_ORIGINS: `${reactHost.origin},${rootConfigHost.origin}` },
  });
  Object.assign(rootFiles, rootConfigFiles(work, softphoneServer.origin), {
    '/sibling.js': { file: path.join(work, 'out', 'sibling.js') },
  });
  Object.assign(strangerFiles, rootConfigFiles(work, softphoneServer.origin));
  browser = await launchChromium({ autoAcceptMicrophone: true });
  context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'] });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await softphoneServer?.close();
  await Promise.all([reactHost?.close(), rootConfigHost?.close(), strangerHost?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openPage(url: string): Promise<{ page: Page; problems: PageProblems; responses: Response[] }> {
  const page = await context.newPage();
  const problems = await instrumentPage(page);
  const responses: Response[] = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(url);
  return { page, problems, responses };
}

describe('hosts of the packed package', () => {
  it('a bundled React host mounts the ESM build through <Parcel> and calls the echo number', async () => {
    const { page, problems } = await openPage(
      `${reactHost.origin}/?server=${encodeURIComponent(softphoneServer.origin)}`,
    );
    await page.waitForFunction(
      () => document.getElementById('host-status')?.textContent?.startsWith('registered'),
      null,
      {
        timeout: 20_000,
      },
    );
    await page.getByRole('region', { name: 'Softphone alice' }).waitFor();
    const callSid = await page.evaluate(
      (to) => (window as unknown as { hostDial(to: string): Promise<string> }).hostDial(to),
      ECHO,
    );
    expect(typeof callSid).toBe('string');
    await page.waitForFunction(() => document.getElementById('host-status')?.textContent?.includes('open'), null, {
      timeout: 15_000,
    });
    expect(await waitForPackets(page)).toBeGreaterThan(0);
    expect(problems.failedRequests).toEqual([]);
    await page.close();
  }, 60_000);

  it('a root config mount fetches the chunks the size budget counts as loaded at mount, and no deferred one', async () => {
    const { page, responses } = await openPage(`${rootConfigHost.origin}/`);
    expect(await page.evaluate(() => (window as unknown as { rootConfig: Promise<string> }).rootConfig)).toBe(
      'mounted',
    );
    await page.getByRole('textbox', { name: /number or client/i }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(
      () => (window as unknown as { latestState?: { device: { state: string } } }).latestState !== undefined,
      null,
      { timeout: 20_000 },
    );
    const fetched = new Set(
      responses
        .filter((r) => r.url().startsWith(softphoneServer.origin))
        .map((r) => new URL(r.url()).pathname.slice(1))
        .filter((file) => file.endsWith('.js')),
    );
    const files = moduleFiles(DIST_DIR);
    const groups = JSON.parse(readFileSync(path.join(DIST_DIR, 'module-chunks.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    // Counted at mount: each of them is fetched by the mount (the shell's bus client fetches the validators).
    expect([files.entry, ...files.atMount].filter((file) => !fetched.has(file))).toEqual([]);
    // Not counted: the SDK (the Device starts at mount; budgeted on its own) and what the idle screen prefetches
    // (the phone metadata, the call screens). Anything else fetched would be uncounted bytes.
    const allowed = new Set([files.entry, ...files.atMount, ...files.sdk, ...files.idlePrefetch]);
    expect([...fetched].filter((file) => !allowed.has(file))).toEqual([]);
    // Loaded only on demand: the contract schemas, and the Spanish texts (this root config mounts in English).
    for (const file of [...(groups['contract-schemas'] ?? []), ...(groups['softphone-es'] ?? [])]) {
      if (!files.atMount.includes(file)) expect(fetched.has(file)).toBe(false);
    }
    await page.close();
  }, 60_000);

  it('a root config on another origin loads the SystemJS module, chunks, /client-config, /token and /sounds with CORS', async () => {
    const { page, problems, responses } = await openPage(`${rootConfigHost.origin}/`);
    expect(await page.evaluate(() => (window as unknown as { rootConfig: Promise<string> }).rootConfig)).toBe(
      'mounted',
    );
    await page.getByRole('region', { name: 'Softphone alice' }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(
      () =>
        (window as unknown as { latestState?: { device: { state: string } } }).latestState?.device.state ===
        'registered',
      null,
      { timeout: 20_000 },
    );
    await page.evaluate(
      (to) =>
        (window as unknown as { softphoneClient: { dial(to: string): Promise<unknown> } }).softphoneClient.dial(to),
      ECHO,
    );
    await page.waitForFunction(
      () =>
        (window as unknown as { latestState?: { calls: { status: string }[] } }).latestState?.calls.some(
          (c) => c.status === 'open',
        ),
      null,
      { timeout: 15_000 },
    );
    expect(await waitForPackets(page)).toBeGreaterThan(0);

    const fromSoftphone = responses.filter((r) => r.url().startsWith(softphoneServer.origin));
    const kinds = (pattern: RegExp) => fromSoftphone.filter((r) => pattern.test(new URL(r.url()).pathname));
    for (const [name, pattern] of [
      ['module', /^\/switchboard-softphone\.js$/],
      ['chunks', /^\/[\w-]+\.[0-9a-f]{8}\.js$/],
      ['client-config', /^\/client-config$/],
      ['token', /^\/token$/],
      ['sounds', /^\/sounds\/\w+\.wav$/],
    ] as const) {
      const matching = kinds(pattern);
      expect({ name, count: matching.length > 0 }).toEqual({ name, count: true });
      for (const response of matching) {
        const requestOrigin = await response.request().headerValue('origin');
        const allowed = await response.headerValue('access-control-allow-origin');
        expect({ url: response.url(), status: response.status(), requestOrigin, allowed }).toEqual({
          url: response.url(),
          status: 200,
          requestOrigin: rootConfigHost.origin,
          allowed: rootConfigHost.origin,
        });
      }
    }
    // Nothing was asked of the shell's own origin but its own files.
    expect(
      responses
        .map((r) => new URL(r.url()).pathname)
        .filter((p) => /token|client-config|sounds/.test(p) && !p.startsWith('/shared')),
    ).toHaveLength(kinds(/token|client-config|sounds/).length);
    expect(problems.consoleErrors.filter((text) => /CORS|Access-Control/i.test(text))).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await page.close();
  }, 90_000);

  it('a sibling bundled with its own RxJS dials, follows the state and hangs up through the typed client', async () => {
    const { page } = await openPage(`${rootConfigHost.origin}/`);
    expect(await page.evaluate(() => (window as unknown as { rootConfig: Promise<string> }).rootConfig)).toBe(
      'mounted',
    );
    await page.waitForFunction(
      () =>
        (window as unknown as { latestState?: { device: { state: string } } }).latestState?.device.state ===
        'registered',
      null,
      { timeout: 20_000 },
    );
    await page.addScriptTag({ url: '/sibling.js' });
    const statuses = await page.evaluate(
      (to) =>
        (window as unknown as { sibling: { dialAndHangUp(to: string): Promise<string[]> } }).sibling.dialAndHangUp(to),
      ECHO,
    );
    expect(statuses[0]).toBe('same-call');
    expect(statuses).toContain('open');
    expect(statuses.at(-1)).toBe('closed');
    await page.close();
  }, 60_000);

  it('a page on an origin not in CORS_ORIGINS cannot load the module', async () => {
    const { page, problems } = await openPage(`${strangerHost.origin}/`);
    const outcome = await page.evaluate(() => (window as unknown as { rootConfig: Promise<string> }).rootConfig);
    expect(outcome).toMatch(/^failed: /);
    expect(problems.consoleErrors.join('\n')).toMatch(/CORS|Access-Control-Allow-Origin/);
    expect(await page.getByRole('region', { name: 'Softphone alice' }).count()).toBe(0);
    await page.close();
  }, 30_000);
});
