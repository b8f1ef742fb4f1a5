/** The Translator of the mounted softphone, for every component below SoftphoneApp. */
import { createContext, useContext } from 'react';
import { createTranslator, type Translator } from './translator';

const I18nContext = createContext<Translator>(createTranslator('en'));

export const I18nProvider = I18nContext.Provider;

export function useI18n(): Translator {
  return useContext(I18nContext);
}
