/**
 * What a host page's test reads from the browser: every RTCPeerConnection the page creates (an init script, so the
 * SDK sees the tracked class; no SDK internals), the received audio packets, and the page's failed requests and
 * console errors (CORS problems show up there).
 */
import type { Page } from 'playwright-core';

const TRACK_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  window.__peerConnections = [];
  window.RTCPeerConnection = class extends Native {
    constructor(config) { super(config); window.__peerConnections.push(this); }
  };
})();`;

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
}

export async function instrumentPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [] };
  await page.addInitScript(TRACK_PEER_CONNECTIONS);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? ''}`),
  );
  return problems;
}

/** Audio packets received on the page's peer connections so far. */
export function packetsReceived(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    let total = 0;
    for (const connection of connections) {
      (await connection.getStats()).forEach((report: { type: string; kind?: string; packetsReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') total += report.packetsReceived ?? 0;
      });
    }
    return total;
  });
}

/** Waits (polling the page, no fixed sleep) until audio packets arrive. */
export async function waitForPackets(page: Page, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const packets = await packetsReceived(page);
    if (packets > 0 || Date.now() > deadline) return packets;
    await page.waitForTimeout(100);
  }
}
