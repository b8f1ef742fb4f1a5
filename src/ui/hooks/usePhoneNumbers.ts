/**
 * The phone library (contract/phoneNumbers.ts) for the target fields: null until its chunk is there. It is not
 * needed to mount: it loads when the browser is idle after the field first renders, or at once when `needed`
 * (the text holds a digit), and every field re-renders when it arrives.
 */
import { useEffect, useState } from 'react';
import { loadedPhoneNumbers, loadPhoneNumbers, type PhoneNumbers } from '../../contract/phoneNumbers';

type IdleWindow = { requestIdleCallback?(callback: () => void, options?: { timeout: number }): number };

/** Soon, but after what the first paint needs: idle time, or the next task where there is no idle callback. */
function whenIdle(callback: () => void): () => void {
  const idle = (globalThis as IdleWindow).requestIdleCallback;
  if (idle) {
    const handle = idle(callback, { timeout: 2_000 });
    return () => (globalThis as { cancelIdleCallback?(handle: number): void }).cancelIdleCallback?.(handle);
  }
  const timer = setTimeout(callback, 0);
  return () => clearTimeout(timer);
}

export function usePhoneNumbers(needed: boolean): PhoneNumbers | null {
  const [phone, setPhone] = useState<PhoneNumbers | null>(loadedPhoneNumbers);
  useEffect(() => {
    if (phone) return undefined;
    let live = true;
    const load = (): void =>
      void loadPhoneNumbers().then(
        (loaded) => live && setPhone(() => loaded),
        () => undefined, // stays null: numbers wait; the service's dial reports a load failure itself
      );
    if (needed) load();
    const cancelIdle = needed ? () => undefined : whenIdle(load);
    return () => {
      live = false;
      cancelIdle();
    };
  }, [phone, needed]);
  return phone;
}
