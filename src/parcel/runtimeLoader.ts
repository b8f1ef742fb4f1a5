/**
 * The UI and service code (runtime.ts), loaded once per page: a lazy chunk in the SystemJS build, so the module
 * entry stays small for hosts that only use the bus client. Kept out of the public declarations (it names MUI types).
 */
export type ParcelRuntime = typeof import('./runtime');

let runtimePromise: Promise<ParcelRuntime> | null = null;

export function loadRuntime(): Promise<ParcelRuntime> {
  runtimePromise ??= import(/* webpackChunkName: "softphone-ui" */ './runtime').catch((error: unknown) => {
    runtimePromise = null; // let a later mount retry a chunk that failed to load
    throw error;
  });
  return runtimePromise;
}
