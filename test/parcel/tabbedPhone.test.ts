/**
 * TabbedPhone, the service a mounted parcel uses, with two "tabs" sharing an in-memory Web Locks manager and
 * channel, and the shared fake service as each tab's own phone: one leads and owns the phone, the other mirrors
 * it (with `device.tab`) and forwards its commands; leadership moves when the leader goes or on request.
 */
import { firstValueFrom, filter } from 'rxjs';
import type { SoftphoneState } from '../../src/contract/schema';
import { isSoftphoneError } from '../../src/contract/service';
import { FakeSoftphoneService } from '../../src/contract/testing';
import { TabbedPhone } from '../../src/parcel/tabbedPhone';
import { TabCoordinator } from '../../src/tabs/coordinator';
import { ChannelHub, MemoryLocks } from '../tabs/support/memoryTabs';

let locks: MemoryLocks;
let hub: ChannelHub;
const phones: TabbedPhone[] = [];
const cores: FakeSoftphoneService[] = [];

function openTab(session: string): TabbedPhone {
  const phone = new TabbedPhone({
    instance: 'alice',
    createCore: () => {
      const core = new FakeSoftphoneService('alice');
      cores.push(core);
      return core;
    },
    coordinator: new TabCoordinator('alice', locks, hub.open(session)),
    history: null,
    notifier: null,
  });
  phones.push(phone);
  void phone.start();
  return phone;
}

const until = (phone: TabbedPhone, check: (s: SoftphoneState) => boolean) =>
  firstValueFrom(phone.state$.pipe(filter(check)));
const role = (r: 'leader' | 'follower', tabs?: number) => (s: SoftphoneState) =>
  s.device.tab?.role === r && (tabs === undefined || s.device.tab.tabs === tabs) && s.device.state === 'registered';

beforeEach(() => {
  locks = new MemoryLocks();
  hub = new ChannelHub();
});
afterEach(() => {
  phones.splice(0).forEach((p) => p.destroy());
  cores.splice(0);
});

it('the first tab owns the phone; the second mirrors it and forwards its commands', async () => {
  const first = openTab('A');
  await until(first, role('leader'));
  const second = openTab('B');
  await until(first, role('leader', 2));
  await until(second, role('follower'));
  expect(cores).toHaveLength(1);
  const { callSid } = await second.dial('client:bob');
  expect(cores[0]!.invocations.at(-1)).toEqual({ method: 'dial', args: ['client:bob', undefined] });
  const mirrored = await until(second, (s) => s.calls.some((c) => c.sid === callSid));
  expect(mirrored.device.tab?.role).toBe('follower');
});

it('when the leader goes, the follower creates its own phone and leads', async () => {
  const first = openTab('A');
  await until(first, role('leader'));
  const second = openTab('B');
  await until(second, role('follower'));
  first.destroy();
  await until(second, role('leader'));
  expect(cores).toHaveLength(2);
  expect(cores[0]!.getState().device.state).toBe('destroyed');
});

it('useThisTab moves the phone here when no call is in progress, and is refused during one', async () => {
  const first = openTab('A');
  await until(first, role('leader'));
  const second = openTab('B');
  await until(second, role('follower'));
  cores[0]!.receiveIncomingCall('client:bob');
  await until(second, (s) => s.calls.length === 1);
  const refused: unknown = await second.useThisTab().catch((e: unknown) => e);
  expect(isSoftphoneError(refused) && refused.code).toBe('busy');
  await cores[0]!.reject();
  await until(second, (s) => s.calls.every((c) => c.status === 'closed'));
  await second.useThisTab();
  await Promise.all([until(second, role('leader')), until(first, role('follower'))]);
  expect(cores).toHaveLength(2);
  expect(cores[0]!.getState().device.state).toBe('destroyed');
  expect(cores[1]!.getState().device.state).toBe('registered');
});
