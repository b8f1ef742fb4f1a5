/**
 * The SystemJS module's entry carries no zod: its hosts get the contract schemas from `loadContractSchemas()`,
 * the same schema objects the ESM build exports by name.
 */
import * as esm from '../../src/switchboard-softphone';
import { loadContractSchemas } from '../../src/publicApi';

describe('loadContractSchemas', () => {
  it('resolves with the contract schemas the ESM build exports, and they validate', async () => {
    const schemas = await loadContractSchemas();
    expect(schemas.CommandSchema).toBe(esm.CommandSchema);
    expect(schemas.SoftphoneStateSchema).toBe(esm.SoftphoneStateSchema);
    expect(schemas.CommandSchema.safeParse({ v: 1, id: 'c1', type: 'dial', to: 'client:bob' }).success).toBe(true);
    expect(schemas.CommandSchema.safeParse({ v: 1, id: 'c1', type: 'dial' }).success).toBe(false);
    expect(await loadContractSchemas()).toBe(schemas); // loaded once
  });
});
