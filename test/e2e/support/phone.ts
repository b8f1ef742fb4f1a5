/**
 * One softphone parcel on the demo page, found the way a person finds it: inside the shell's slot
 * `#softphone-<identity>`, every control by its role and accessible name.
 */
import type { Locator, Page } from 'playwright-core';
import type { CallStatus, DeviceStateName } from '../../../src/contract/schema';
import { en } from '../../../src/ui/i18n/en';

const WAIT_MS = 15_000;

/** What the phone shows for each device state: human words, never the SDK's names (issue #17). */
export const DEVICE_STATE_WORDS: Record<DeviceStateName, string> = {
  initializing: en['device.initializing'],
  unsupported: en['device.unsupported'],
  unregistered: en['device.unregistered'],
  registering: en['device.registering'],
  registered: en['device.registered'],
  destroyed: en['device.destroyed'],
  reconnecting: en['device.reconnecting'],
};

/** What a call card's status chip shows for each call status (an outgoing call's; a held one reads "On hold"). */
export const CALL_STATUS_WORDS: Record<CallStatus, string> = {
  pending: en['status.starting'],
  connecting: en['status.connecting'],
  ringing: en['status.ringing'],
  open: en['status.open'],
  reconnecting: en['status.reconnecting'],
  closed: en['status.closed'],
};

export class Phone {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly identity: string,
  ) {
    this.root = page.locator(`#softphone-${identity}`);
  }

  get registrationState(): Locator {
    return this.root.getByRole('status', { name: 'Registration state' });
  }

  /** The visually hidden live region that announces call status changes. */
  get announcements(): Locator {
    return this.root.getByRole('status', { name: 'Call announcements' });
  }

  get numberInput(): Locator {
    return this.root.getByRole('textbox', { name: 'Number or client name' });
  }

  get callButton(): Locator {
    return this.root.getByRole('button', { name: 'Call', exact: true });
  }

  get incomingCall(): Locator {
    return this.root.getByRole('region', { name: 'Incoming call' });
  }

  /** The call panel, named "Call to <name>" or "Call from <name>". */
  call(title: string): Locator {
    return this.root.getByRole('region', { name: title, exact: true });
  }

  /** Waits until the registration chip shows the words for `state`. */
  async waitForRegistrationState(state: DeviceStateName): Promise<void> {
    await this.registrationState
      .filter({ hasText: new RegExp(`^${DEVICE_STATE_WORDS[state]}$`) })
      .waitFor({ timeout: WAIT_MS });
  }

  /** Waits until the call panel's status chip shows the words for `status`. */
  async waitForCallStatus(call: Locator, status: CallStatus): Promise<void> {
    await call.getByText(CALL_STATUS_WORDS[status], { exact: true }).waitFor({ timeout: WAIT_MS });
  }

  /** Waits until the call panel has gone: the call ended and the phone moved on (call summary or idle). */
  async waitForCallEnded(call: Locator): Promise<void> {
    await call.waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  /** Dials from the dial pad the way a person does: type the number, press Call. */
  async dial(to: string): Promise<void> {
    await this.numberInput.fill(to);
    await this.callButton.click();
  }

  /** The text of the element that `aria-describedby` points at (the reason a control is disabled). */
  async description(control: Locator): Promise<string> {
    const ids = (await control.getAttribute('aria-describedby')) ?? '';
    const texts = await Promise.all(
      ids
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => this.page.locator(`[id="${id}"]`).innerText()),
    );
    return texts.join(' ');
  }
}

/**
 * Waits (without polling) until `locator`'s text, or its `attribute`, differs from its current value, and returns
 * both values. Rejects after `timeoutMs` with the value that never changed.
 */
export function nextChange(
  locator: Locator,
  options: { attribute?: string; timeoutMs?: number } = {},
): Promise<[string | null, string | null]> {
  return locator.evaluate(
    (element, { attribute, timeoutMs }) =>
      new Promise<[string | null, string | null]>((resolve, reject) => {
        const read = (): string | null => (attribute ? element.getAttribute(attribute) : element.textContent);
        const first = read();
        const observer = new MutationObserver(() => {
          const now = read();
          if (now === first) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve([first, now]);
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${attribute ?? 'text'} stayed ${String(first)} for ${timeoutMs} ms`));
        }, timeoutMs);
        observer.observe(element, { attributes: true, characterData: true, childList: true, subtree: true });
      }),
    { attribute: options.attribute ?? null, timeoutMs: options.timeoutMs ?? 5_000 },
  );
}
