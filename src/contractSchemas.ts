/**
 * The contract v1 schemas (zod) a sibling validates messages with, as one module: re-exported by name by the ESM
 * build's entry, and loaded on demand in the SystemJS build through `loadContractSchemas()` (its entry carries no
 * zod). The messages' types are exported everywhere (publicApi.ts).
 */
import './contract/zodConfig'; // first: before any schema parses (see the file)

export { CrossTabMessageSchema } from './bus/crossTabSchema';
export { ErrorCodeSchema } from './contract/errorCodes';
export { FeedbackIssueSchema } from './contract/feedback';
export { CommandSchema } from './contract/schemaCommand';
export { BusErrorSchema, ReplySchema, StateRequestSchema } from './contract/schemaReply';
export { DialResultSchema, MuteResultSchema, SendMessageResultSchema } from './contract/results';
export { CallStateSchema, LastErrorSchema, SoftphoneStateSchema } from './contract/schemaState';
export { SoftphoneEventSchema } from './contract/schemaEvent';
