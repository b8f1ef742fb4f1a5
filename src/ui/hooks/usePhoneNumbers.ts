/**
 * The phone library (contract/phoneNumbers.ts) for the target fields: null until its chunk is there. It is not
 * needed to mount: it loads when the browser is idle after the field first renders, or at once when `needed`
 * (the text holds a digit), and every field re-renders when it arrives.
 */
import { useEffect, useState } from 'react';
import { loadedPhoneNumbers, loadPhoneNumbers, type PhoneNumbers } from '../../contract/phoneNumbers';
import { whenIdle } from '../lazy/whenIdle';

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
