/**
 * The UI's lazy chunks loaded up front, for tests that render the call screens or Spanish synchronously (in the
 * browser they load when idle after mount or when a call appears; test/ui/lazyScreens.test.tsx covers that path).
 */
import { loadCatalog } from '../../../src/ui/i18n/catalog';
import { callScreens } from '../../../src/ui/lazy/callScreens';

export async function preloadLazyUi(): Promise<void> {
  await Promise.all([callScreens.load(), loadCatalog('es')]);
}
