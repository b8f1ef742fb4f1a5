/**
 * Issue 13's shell acceptance with token authentication on: the server runs in local mode (gateway and echo number
 * +14155550100) with TOKEN_AUTH_SECRET, so `/token` answers only a verified `Authorization: Bearer <JWT>`. A
 * create-single-spa–style root config on another origin (in CORS_ORIGINS) loads the SystemJS module and hands the
 * parcel its bearer, once through `tokenRequest.headers` and once through its own `getToken`; it calls the echo number
 * with the ringtone and DTMF sounds loaded cross-origin. A page on an origin not in the list can do none of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/index';
import { fetchInsecure } from '../server/support/index';
import { launchChromium } from '../support/chromium';
import { assertBuilt, DIST_DIR } from '../support/dist';
import { instrumentPage, waitForPackets, type PageProblems } from './support/browserProbe';
import { installTarball, packPackage } from './support/packedInstall';
import { rootConfigFiles } from './support/rootConfig';
import { startStaticHost, type StaticHost } from './support/staticHost';

const ECHO = '+14155550100';
const AUTH = {
  TOKEN_AUTH_SECRET: 'the-shell-backend-and-the-softphone-share-this',
  TOKEN_AUTH_ISSUER: 'https://id.shell.example',
  TOKEN_AUTH_AUDIENCE: 'switchboard-softphone',
};

let work: string;
let browser: Browser;
let context: BrowserContext;
let softphoneServer: RunningServer;
let shellHost: StaticHost;
let strangerHost: StaticHost;
let bearer: string;

/** What the shell's own identity provider would issue for alice. */
function mintBearer(subject: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(AUTH.TOKEN_AUTH_ISSUER)
    .setAudience(AUTH.TOKEN_AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(AUTH.TOKEN_AUTH_SECRET));
}

/** Parcel props (page script source): the bearer as a header of the parcel's own token fetch. */
const tokenRequestProps = (): string =>
  `{ tokenRequest: { headers: { authorization: ${JSON.stringify(`Bearer ${bearer}`)} } } }`;

/** Parcel props (page script source): the shell fetches tokens itself, with its bearer, and hands them over. */
const getTokenProps = (): string => `{ getToken: async (identity) => {
  const response = await fetch(${JSON.stringify(`${softphoneServer.origin}/token`)} + '?identity=' + encodeURIComponent(identity), {
    headers: { authorization: ${JSON.stringify(`Bearer ${bearer}`)} },
  });
  if (!response.ok) throw new Error('token HTTP ' + response.status);
  const body = await response.json();
  return { token: body.token, ttl: body.ttl };
} }`;

beforeAll(async () => {
  assertBuilt();
  work = mkdtempSync(path.join(tmpdir(), 'softphone-bearer-shell-'));
  installTarball(work, packPackage(work), []);
  // The server needs the shell's origin and the pages the server's: ports first, pages once the server listens.
  const shellFiles: Record<string, string | { file: string }> = {};
  shellHost = await startStaticHost(shellFiles);
  const strangerFiles: Record<string, string | { file: string }> = {};
  strangerHost = await startStaticHost(strangerFiles);
  softphoneServer = await startServer({
    port: 0,
    host: 'localhost',
    quiet: true,
    staticDir: DIST_DIR,
    env: { CORS_ORIGINS: shellHost.origin, ...AUTH },
  });
  bearer = await mintBearer('alice');
  Object.assign(shellFiles, rootConfigFiles(work, softphoneServer.origin, tokenRequestProps()), {
    '/get-token': rootConfigFiles(work, softphoneServer.origin, getTokenProps())['/']!,
  });
  Object.assign(strangerFiles, rootConfigFiles(work, softphoneServer.origin, tokenRequestProps()));
  browser = await launchChromium({ autoAcceptMicrophone: true });
  context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'] });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await softphoneServer?.close();
  await Promise.all([shellHost?.close(), strangerHost?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

interface OpenedPage {
  page: Page;
  problems: PageProblems;
  responses: Response[];
}

async function openShell(url: string): Promise<OpenedPage> {
  const page = await context.newPage();
  const problems = await instrumentPage(page);
  const responses: Response[] = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(url);
  return { page, problems, responses };
}

const pathOf = (response: Response): string => new URL(response.url()).pathname;

/** The shell mounts the parcel, it registers, calls the echo number, hears it and sends a DTMF digit. */
async function callEchoWithDigit(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { rootConfig: Promise<string> }).rootConfig)).toBe('mounted');
  await page.getByRole('region', { name: 'Softphone alice' }).waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () =>
      (window as unknown as { latestState?: { device: { state: string } } }).latestState?.device.state === 'registered',
    null,
    { timeout: 20_000 },
  );
  await page.evaluate(
    (to) => (window as unknown as { softphoneClient: { dial(to: string): Promise<unknown> } }).softphoneClient.dial(to),
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
  await page.evaluate(() =>
    (
      window as unknown as { softphoneClient: { sendDigits(digits: string): Promise<unknown> } }
    ).softphoneClient.sendDigits('1'),
  );
}

/** The softphone's responses at `pathname`, waiting (no fixed sleep) for the first one if none came yet. */
async function responsesAt(opened: OpenedPage, pathname: string): Promise<Response[]> {
  const matches = (response: Response) =>
    response.url().startsWith(softphoneServer.origin) && pathOf(response) === pathname;
  if (!opened.responses.some(matches)) await opened.page.waitForResponse(matches, { timeout: 10_000 });
  return opened.responses.filter(matches);
}

/** Every response at `pathname` was a 200 to the shell's origin, with CORS for it, and `authorization` if given. */
async function expectCorsOk(opened: OpenedPage, pathname: string, authorization?: string): Promise<void> {
  for (const response of await responsesAt(opened, pathname)) {
    const request = response.request();
    const seen = {
      url: response.url(),
      status: response.status(),
      requestOrigin: await request.headerValue('origin'),
      allowed: await response.headerValue('access-control-allow-origin'),
      ...(authorization !== undefined && { authorization: await request.headerValue('authorization') }),
    };
    expect(seen).toEqual({
      url: response.url(),
      status: 200,
      requestOrigin: shellHost.origin,
      allowed: shellHost.origin,
      ...(authorization !== undefined && { authorization }),
    });
  }
}

function expectNoCorsProblems({ problems }: OpenedPage): void {
  expect(problems.consoleErrors.filter((text) => /CORS|Access-Control/i.test(text))).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
}

/** An in-page `fetch` of `/token` from the page's origin; `status` is what the page could read, or the error. */
function tokenFetchFromPage(page: Page, withBearer: boolean): Promise<{ status?: number; error?: string }> {
  return page.evaluate(
    async ({ url, authorization }) => {
      try {
        const headers: Record<string, string> = authorization ? { authorization } : {};
        return { status: (await fetch(url, { headers })).status };
      } catch (error) {
        return { error: String(error) };
      }
    },
    {
      url: `${softphoneServer.origin}/token?identity=alice`,
      authorization: withBearer ? `Bearer ${bearer}` : undefined,
    },
  );
}

describe('a shell on another origin with token authentication on', () => {
  it('hands its bearer through tokenRequest, gets tokens and calls the echo number with ringtone and DTMF sounds', async () => {
    const opened = await openShell(`${shellHost.origin}/`);
    await callEchoWithDigit(opened.page);
    await expectCorsOk(opened, '/switchboard-softphone.js');
    await expectCorsOk(opened, '/token', `Bearer ${bearer}`);
    await expectCorsOk(opened, '/sounds/outgoing.wav');
    await expectCorsOk(opened, '/sounds/dtmf1.wav');
    // The same shell without its bearer is turned away, and can read why (CORS on the refusal too).
    expect(await tokenFetchFromPage(opened.page, false)).toEqual({ status: 401 });
    expectNoCorsProblems(opened);
    await opened.page.close();
  }, 90_000);

  it('fetches tokens itself with its bearer in getToken and calls the echo number', async () => {
    const opened = await openShell(`${shellHost.origin}/get-token`);
    await callEchoWithDigit(opened.page);
    await expectCorsOk(opened, '/token', `Bearer ${bearer}`);
    await expectCorsOk(opened, '/sounds/outgoing.wav');
    await expectCorsOk(opened, '/sounds/dtmf1.wav');
    expectNoCorsProblems(opened);
    await opened.page.close();
  }, 90_000);

  it('a /token request without a bearer gets 401 and no token', async () => {
    const response = await fetchInsecure(`${softphoneServer.origin}/token?identity=alice`, {
      headers: { origin: shellHost.origin },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.headers.get('access-control-allow-origin')).toBe(shellHost.origin);
    expect(response.text).not.toMatch(/"token"/);
  });

  it('a page on an origin not in CORS_ORIGINS cannot load the module nor fetch a token, bearer or not', async () => {
    const opened = await openShell(`${strangerHost.origin}/`);
    const outcome = await opened.page.evaluate(() => (window as unknown as { rootConfig: Promise<string> }).rootConfig);
    expect(outcome).toMatch(/^failed: /);
    expect(opened.problems.consoleErrors.join('\n')).toMatch(/CORS|Access-Control-Allow-Origin/);
    expect(await opened.page.getByRole('region', { name: 'Softphone alice' }).count()).toBe(0);
    expect(await tokenFetchFromPage(opened.page, true)).toEqual({ error: expect.stringMatching(/TypeError/) });
    await opened.page.close();
  }, 30_000);
});
