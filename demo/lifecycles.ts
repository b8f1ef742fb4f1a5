/**
 * Checks that a module loaded at run time really exports single-spa lifecycles: the import map is
 * configuration, so what comes back from it is validated before single-spa gets it.
 */
import type { LifeCycleFn } from 'single-spa';

export interface Lifecycles<Props = object> {
  bootstrap: LifeCycleFn<Props>;
  mount: LifeCycleFn<Props>;
  unmount: LifeCycleFn<Props>;
  update?: LifeCycleFn<Props>;
}

function isLifecycle(value: unknown): boolean {
  return typeof value === 'function' || (Array.isArray(value) && value.every((fn) => typeof fn === 'function'));
}

/** Copies the lifecycles into a plain object (module namespaces are frozen; single-spa may need its own). */
export function toLifecycles<Props = object>(moduleName: string, mod: unknown): Lifecycles<Props> {
  const candidate = (typeof mod === 'object' && mod !== null ? mod : {}) as Record<string, unknown>;
  const missing = ['bootstrap', 'mount', 'unmount'].filter((name) => !isLifecycle(candidate[name]));
  if (missing.length > 0)
    throw new Error(`${moduleName} does not export the single-spa lifecycle(s) ${missing.join(', ')}.`);
  if (candidate.update !== undefined && !isLifecycle(candidate.update))
    throw new Error(`${moduleName} exports an invalid update lifecycle.`);
  const lifecycles = candidate as unknown as Lifecycles<Props>;
  return {
    bootstrap: lifecycles.bootstrap,
    mount: lifecycles.mount,
    unmount: lifecycles.unmount,
    ...(lifecycles.update ? { update: lifecycles.update } : {}),
  };
}
