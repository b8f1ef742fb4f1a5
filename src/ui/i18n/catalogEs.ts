/** The Spanish catalog, UI and error texts: a lazy chunk of its own (catalog.ts loads it when a locale is `es`). */
import { errorsEs } from './errorsEs';
import { es } from './es';

export const catalogEs = { ...es, ...errorsEs };
