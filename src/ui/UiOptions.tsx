/** Rendering options the host chose (parcel props) that several components read. */
import { createContext, useContext } from 'react';
import type { ShortcutMap } from './shortcuts/keys';

export interface UiOptions {
  /** ISO 3166 country whose national numbers the dial box accepts (libphonenumber-js formats them to E.164). */
  defaultCountry: string | null;
  /** The speaker test's sound: the deployment's own `outgoing` sound (never Twilio's CDN); null: ask the service. */
  testSoundUrl: string | null;
  /** Active keyboard shortcuts; null when the host turned them off. */
  shortcuts: ShortcutMap | null;
}

const UiOptionsContext = createContext<UiOptions>({ defaultCountry: null, testSoundUrl: null, shortcuts: null });

export const UiOptionsProvider = UiOptionsContext.Provider;

export function useUiOptions(): UiOptions {
  return useContext(UiOptionsContext);
}
