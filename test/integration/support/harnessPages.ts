/**
 * The browser harnesses of the integration suites, each bundled into a fresh temp dir with an index.html that loads
 * it (served as the test server's staticDir, so the page is the server's `/`).
 */
import path from 'node:path';
import { bundlePage, freshDir } from '../../support/pageBundle';

async function bundleHarness(
  prefix: string,
  entry: string,
  script: string,
  title: string,
  define?: Record<string, string>,
): Promise<string> {
  const dir = freshDir(prefix);
  await bundlePage(dir, {
    entry: path.join(__dirname, entry),
    script,
    page: 'index.html',
    title,
    ...(define ? { define } : {}),
  });
  return dir;
}

/** The real SDK alone (sdkHarness.ts), for the gateway protocol suite. */
export function bundleSdkHarness(): Promise<string> {
  return bundleHarness('sdk-harness', 'sdkHarness.ts', 'sdk-harness.js', 'SDK harness');
}

/**
 * The project's VoiceService over the real SDK (serviceHarness.ts: src/voice + src/parcel's config loader). The SDK's
 * dynamic import() is inlined: one script, no chunks.
 */
export function bundleServiceHarness(): Promise<string> {
  return bundleHarness(
    'voice-service-harness',
    'serviceHarness.ts',
    'voice-service-harness.js',
    'VoiceService harness',
    {
      'process.env.NODE_ENV': '"test"',
    },
  );
}

/** The real SDK calling the simulated numbers (numbersHarness.ts). */
export function bundleNumbersHarness(): Promise<string> {
  return bundleHarness('numbers-harness', 'numbersHarness.ts', 'numbers-harness.js', 'numbers');
}

/** Several SDK Devices in one page with per-call WebRTC stats (mediaHarness.ts), for the server-media suite. */
export function bundleMediaHarness(): Promise<string> {
  return bundleHarness('media-harness', 'mediaHarness.ts', 'media-harness.js', 'server media');
}

/** Device.runPreflight of the real SDK (preflightHarness.ts), for the preflight suite. */
export function bundlePreflightHarness(): Promise<string> {
  return bundleHarness('preflight-harness', 'preflightHarness.ts', 'preflight-harness.js', 'preflight');
}
