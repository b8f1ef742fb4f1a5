/** The directory files sessions under their identity once known, and forgets them when their socket closes. */
import { SessionDirectory } from '../../../server/gateway/sessionDirectory';
import type { SignalingSession } from '../../../server/gateway/session';

function session(identity: string | null, registered = true): SignalingSession {
  const times = { expiresAt: Date.now() + 60_000, connectedAt: Date.now() };
  return {
    identity,
    registered,
    isAuthorized: identity !== null,
    isOpen: true,
    ...times,
  } as unknown as SignalingSession;
}

test('finds the sessions of an identity once identified, only registered ones as reachable, none after removal', () => {
  const directory = new SessionDirectory();
  const a1 = session(null);
  const a2 = session('alice', false);
  const b = session('bob');
  directory.add(a1, 'localhost:1');
  directory.add(a2, 'localhost:1');
  directory.add(b, 'localhost:1');
  expect(directory.connectedAs('alice')).toEqual([a2]);
  (a1 as { identity: string | null }).identity = 'alice';
  (a1 as { isAuthorized: boolean }).isAuthorized = true;
  directory.identify(a1);
  directory.identify(a1);
  expect(directory.connectedAs('alice')).toEqual([a2, a1]);
  expect(directory.reachable('alice')).toEqual([a1]);
  expect(directory.reachable('bob')).toEqual([b]);
  directory.remove(a1);
  directory.remove(b);
  expect(directory.connectedAs('alice')).toEqual([a2]);
  expect(directory.connectedAs('bob')).toEqual([]);
  // A session that is gone is not filed again by a late identify.
  directory.identify(b);
  expect(directory.connectedAs('bob')).toEqual([]);
  expect(directory.registrations().map((r) => r.identity)).toEqual(['alice']);
});
