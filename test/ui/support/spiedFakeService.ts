/**
 * UI tests drive the one fake service (src/contract/testing) in `record` mode: the tests script every state with
 * `setState`, and a Jest spy on each command lets them assert what the UI asked the service to do
 * (`expect(service.dial).toHaveBeenCalledWith(...)`); `service.failNext(...)` makes a command reject.
 */
import { buildState, COMMAND_NAMES, FakeSoftphoneService } from '../../../src/contract/testing';
import type { SoftphoneState } from '../../../src/contract/schema';

export function createFakeService(initial: SoftphoneState = buildState()): FakeSoftphoneService {
  const service = new FakeSoftphoneService(initial.instance, initial, { commands: 'record' });
  for (const name of COMMAND_NAMES) jest.spyOn(service, name);
  return service;
}
