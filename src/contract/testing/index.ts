/**
 * Test doubles of the service contract, kept next to the contract they fake (never imported by production code):
 * the one fake SoftphoneService and the one builder of states and calls, for test/ and bench/.
 */
export {
  FakeSoftphoneService,
  COMMAND_NAMES,
  type AsyncCommandName,
  type CommandName,
  type FakeSoftphoneOptions,
  type Invocation,
} from './fakeSoftphoneService';
export type { SubscriberCounts } from './fakeStreams';
export {
  buildCall,
  buildState,
  FAKE_INPUTS,
  FAKE_OUTPUTS,
  FAKE_TOKEN_EXPIRES_AT,
  untouchedCallFields,
  type SoftphoneStateOverrides,
} from './stateBuilder';
