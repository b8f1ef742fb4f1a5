/** Correlation ids of commands: a UUID where the browser has one, else a unique enough string. */
let fallbackCounter = 0;

export function newCorrelationId(): string {
  const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (cryptoApi && typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  fallbackCounter += 1;
  return `sp-${Date.now().toString(36)}-${fallbackCounter.toString(36)}-${Math.random().toString(36).slice(2)}`;
}
