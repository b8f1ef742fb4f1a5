/**
 * `loadContractSchemas()`: the contract's zod schemas (contractSchemas.ts) for hosts of the SystemJS module, whose
 * entry carries no zod. One lazy chunk, loaded once; the ESM build also exports each schema by name.
 */
export type ContractSchemas = typeof import('./contractSchemas');

let schemas: Promise<ContractSchemas> | null = null;

export function loadContractSchemas(): Promise<ContractSchemas> {
  schemas ??= import(/* webpackChunkName: "contract-schemas" */ './contractSchemas').catch((error: unknown) => {
    schemas = null; // a later call retries a chunk that failed to load
    throw error;
  });
  return schemas;
}
