/**
 * The package's main export (the ESM build for bundling hosts, and the type declarations): the module's public API
 * (publicApi.ts, the SystemJS build's entry) plus every contract v1 schema by name, since a host's bundler keeps
 * only the schemas it uses. SystemJS hosts get the same schemas from `loadContractSchemas()`.
 */
import './contract/zodConfig'; // first: before any schema parses (see the file)

export * from './publicApi';
export {
  BusErrorSchema,
  CallStateSchema,
  CommandSchema,
  CrossTabMessageSchema,
  DialResultSchema,
  ErrorCodeSchema,
  FeedbackIssueSchema,
  LastErrorSchema,
  MuteResultSchema,
  ReplySchema,
  SendMessageResultSchema,
  SoftphoneEventSchema,
  SoftphoneStateSchema,
  StateRequestSchema,
} from './contractSchemas';
