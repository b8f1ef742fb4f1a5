/** The call screens' lazy chunk (callScreens.tsx), shared by every softphone on the page. */
import { lazyModule } from './lazyModule';

export type CallScreens = typeof import('../callScreens');

export const callScreens = lazyModule<CallScreens>(
  () => import(/* webpackChunkName: "softphone-calls" */ '../callScreens'),
);
