/** The schema of a cross-tab message (crossTab.ts): a softphone state or event, stamped with the sending tab. */
import * as z from 'zod/mini';
import { BUS_VERSION } from '../contract/busEvents';
import { SoftphoneEventSchema } from '../contract/schemaEvent';
import { SoftphoneStateSchema } from '../contract/schemaState';

export const CrossTabMessageSchema = z.discriminatedUnion('kind', [
  z.object({ v: z.literal(BUS_VERSION), tab: z.string(), kind: z.literal('state'), detail: SoftphoneStateSchema }),
  z.object({ v: z.literal(BUS_VERSION), tab: z.string(), kind: z.literal('event'), detail: SoftphoneEventSchema }),
]);
export type CrossTabMessage = z.infer<typeof CrossTabMessageSchema>;
