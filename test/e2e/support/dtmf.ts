/**
 * Test instrumentation (not an SDK patch), installed with `context.addInitScript` before any page script: every
 * RTCDTMFSender the page uses reports the tones it actually plays onto the call's audio (`tonechange`), so a test can
 * prove that a keypad press became an in-band DTMF tone on the wire.
 */
import type { Page } from 'playwright-core';

interface DtmfWindow {
  e2ePlayedTones?: string[];
}

export function recordPlayedTones(): void {
  const played: string[] = [];
  (window as unknown as DtmfWindow).e2ePlayedTones = played;
  const watched = new WeakSet<RTCDTMFSender>();
  const insert = RTCDTMFSender.prototype.insertDTMF;
  RTCDTMFSender.prototype.insertDTMF = function (
    this: RTCDTMFSender,
    ...args: Parameters<RTCDTMFSender['insertDTMF']>
  ) {
    if (!watched.has(this)) {
      watched.add(this);
      this.addEventListener('tonechange', (event) => {
        if (event.tone !== '') played.push(event.tone);
      });
    }
    return insert.apply(this, args);
  };
}

/** Waits until the page has played `tone` on some DTMF sender. */
export async function waitForPlayedTone(page: Page, tone: string, timeoutMs = 5_000): Promise<string[]> {
  await page.waitForFunction((t) => ((window as unknown as DtmfWindow).e2ePlayedTones ?? []).includes(t), tone, {
    timeout: timeoutMs,
  });
  return page.evaluate(() => [...((window as unknown as DtmfWindow).e2ePlayedTones ?? [])]);
}
