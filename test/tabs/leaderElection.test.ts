/** The election over a Web Locks stand-in: one leader, a FIFO queue of followers, take-over by steal, release. */
import { firstValueFrom, filter } from 'rxjs';
import { LeaderElection, lockNameFor, type TabRole } from '../../src/tabs/leaderElection';
import { MemoryLocks } from './support/memoryTabs';

const roleOf = (election: LeaderElection, role: TabRole) =>
  firstValueFrom(election.role$.pipe(filter((r) => r === role)));

describe('LeaderElection', () => {
  let locks: MemoryLocks;
  const elections: LeaderElection[] = [];
  const elect = () => {
    const election = new LeaderElection(locks, lockNameFor('alice'));
    elections.push(election);
    election.start();
    return election;
  };
  beforeEach(() => {
    locks = new MemoryLocks();
  });
  afterEach(() => elections.splice(0).forEach((e) => e.destroy()));

  it('makes the first tab the leader and the others followers', async () => {
    const first = elect();
    await roleOf(first, 'leader');
    const second = elect();
    const third = elect();
    await Promise.all([roleOf(second, 'follower'), roleOf(third, 'follower')]);
    expect(await locks.query()).toEqual({
      held: [{ name: 'switchboard-softphone:leader:alice' }],
      pending: [{ name: 'switchboard-softphone:leader:alice' }, { name: 'switchboard-softphone:leader:alice' }],
    });
  });

  it('hands the leadership to the next tab in line when the leader goes', async () => {
    const first = elect();
    await roleOf(first, 'leader');
    const second = elect();
    const third = elect();
    await roleOf(third, 'follower');
    first.destroy();
    await roleOf(second, 'leader');
    expect(third.current).toBe('follower');
  });

  it('lets a follower take over; the old leader goes back in line and leads again later', async () => {
    const first = elect();
    await roleOf(first, 'leader');
    const second = elect();
    await roleOf(second, 'follower');
    second.takeOver();
    await Promise.all([roleOf(second, 'leader'), roleOf(first, 'follower')]);
    second.destroy();
    await roleOf(first, 'leader');
  });

  it('keeps identities apart', async () => {
    const alice = elect();
    const bob = new LeaderElection(locks, lockNameFor('bob'));
    elections.push(bob);
    bob.start();
    await Promise.all([roleOf(alice, 'leader'), roleOf(bob, 'leader')]);
  });
});
