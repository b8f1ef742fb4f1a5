/** The one SystemJS call the root config needs: load a module named in the page's import map. */
interface SystemJsLoader {
  import(id: string): Promise<unknown>;
}

export function importModule(id: string): Promise<unknown> {
  const system = (globalThis as { System?: SystemJsLoader }).System;
  if (!system || typeof system.import !== 'function') {
    return Promise.reject(new Error(`Cannot load ${id}: SystemJS is not on the page.`));
  }
  return system.import(id);
}
