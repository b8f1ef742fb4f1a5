/**
 * Alice and bob, each on a Chromium page running the product's phone over the real SDK (bench/pages/voicePage.ts)
 * against a local gateway on loopback, both registered, bob answering every call at once. Shared by the dial and
 * invite benchmarks.
 */
import type { Page } from 'playwright-core';
import { bundlePages, launchBrowser, openPage, startBenchServer, tempDir } from './browser';
import type { VoiceBench } from '../pages/voicePage';

type W = { voiceBench: VoiceBench };

export interface VoicePair {
  alice: Page;
  bob: Page;
  /** The bundled pages' folder (a CPU profile maps its samples to the sources through it). */
  dir: string;
  close(): Promise<void>;
}

export async function openVoicePair(name: string): Promise<VoicePair> {
  const dir = tempDir(name);
  await bundlePages(dir, [{ entry: 'voicePage.ts', script: 'voicePage.js' }]);
  // A benchmark dials far more than the gateway's default per-identity limit (30 invites a minute, limits.ts).
  const server = await startBenchServer(dir, { env: { LIMIT_INVITES_PER_MINUTE: '10000' } });
  const session = await launchBrowser();
  const close = async (): Promise<void> => {
    await session.close();
    await server.close();
  };
  try {
    const [alice, bob] = await Promise.all([
      openPage(session.context, `${server.origin}/voicePage.html`, 'voiceBench'),
      openPage(session.context, `${server.origin}/voicePage.html`, 'voiceBench'),
    ]);
    await Promise.all([
      alice.evaluate(() => (window as unknown as W).voiceBench.start('alice')),
      bob.evaluate(() => (window as unknown as W).voiceBench.start('bob')),
    ]);
    await bob.evaluate(() => (window as unknown as W).voiceBench.setAutoAccept(true));
    return { alice, bob, dir, close };
  } catch (error) {
    await close();
    throw error;
  }
}
