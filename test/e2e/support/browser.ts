/**
 * A watch on each page for console errors, uncaught exceptions and any request (HTTP or WebSocket) that leaves
 * loopback. The browser itself comes from test/support/chromium.ts.
 */
import type { Page } from 'playwright-core';

/** `localhost`, any `*.localhost` (the SDK's insights host maps there) and IPv4/IPv6 loopback. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}

export interface PageWatch {
  /** Console errors and uncaught exceptions since the last call, then forgotten. */
  takeErrors(): string[];
  /** Every URL requested (HTTP or WebSocket) whose host is not loopback, for the page's lifetime. */
  readonly foreignRequests: readonly string[];
  /** Every distinct host the page contacted. */
  readonly hosts: ReadonlySet<string>;
}

export function watchPage(page: Page): PageWatch {
  let errors: string[] = [];
  const foreign: string[] = [];
  const hosts = new Set<string>();
  const onUrl = (url: string): void => {
    const { hostname, protocol } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:') return;
    hosts.add(hostname);
    if (!isLoopbackHost(hostname)) foreign.push(url);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => onUrl(request.url()));
  page.on('websocket', (socket) => onUrl(socket.url()));
  return {
    takeErrors() {
      const taken = errors;
      errors = [];
      return taken;
    },
    foreignRequests: foreign,
    hosts,
  };
}
