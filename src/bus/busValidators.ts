/**
 * Everything the bus client checks incoming messages with: the zod schemas of replies, results, states, events
 * and cross-tab messages. A lazy chunk of the SystemJS build (see lazyValidators.ts), so the module entry carries
 * no zod; nothing reaches a subscriber before it has passed these.
 */
import '../contract/zodConfig'; // first: before any schema parses (see the file)
import * as z from 'zod/mini';
import { BUS_VERSION } from '../contract/busEvents';
import { resultSchemaOf } from '../contract/commands';
import { ReplySchema, type Reply } from '../contract/schemaReply';
import { CrossTabMessageSchema } from './crossTabSchema';

export { resultSchemaOf };
export { SoftphoneEventSchema } from '../contract/schemaEvent';
export { SoftphoneStateSchema } from '../contract/schemaState';
export { CrossTabMessageSchema };

const ReplyEnvelopeSchema = z.object({ v: z.literal(BUS_VERSION), id: z.string(), ok: z.boolean() });

/**
 * The reply in a `softphone:reply` detail. One this client version cannot read (say, with an error code
 * added in a later contract version) still fails its command at once instead of waiting for the timeout.
 */
export function readReply(detail: unknown): Reply | undefined {
  const parsed = ReplySchema.safeParse(detail);
  if (parsed.success) return parsed.data;
  const envelope = ReplyEnvelopeSchema.safeParse(detail);
  if (!envelope.success) return undefined;
  return {
    v: BUS_VERSION,
    id: envelope.data.id,
    ok: false,
    error: { code: 'internal_error', message: 'The softphone sent a reply this client cannot read.' },
  };
}
