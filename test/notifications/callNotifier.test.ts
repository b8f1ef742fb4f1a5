/**
 * The leader's notifications over a scripted state stream: one for an incoming call while hidden (closed when it
 * stops ringing), one per missed call, none while visible or without permission; a click focuses the tab.
 */
import { BehaviorSubject } from 'rxjs';
import type { SoftphoneState } from '../../src/contract/schema';
import { buildCall, buildState } from '../../src/contract/testing';
import { askNotificationPermission, notifyCalls, type NotifierEnvironment } from '../../src/notifications/callNotifier';

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission = jest.fn(async () => 'granted' as NotificationPermission);
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

let hidden: boolean;
let focus: jest.Mock;
let state$: BehaviorSubject<SoftphoneState>;
let stop: () => void;
const env = (): NotifierEnvironment => ({
  Notification: FakeNotification as unknown as typeof Notification,
  isHidden: () => hidden,
  focus,
});
const ringing = (sid = 'CA1') =>
  buildState({
    calls: [buildCall({ sid, direction: 'incoming', from: 'client:bob', status: 'pending', answeredAt: null })],
  });
const ended = (sid: string, endReason: string, answeredAt: number | null = null) =>
  buildState({
    calls: [
      buildCall({
        sid,
        direction: 'incoming',
        from: 'client:bob',
        status: 'closed',
        answeredAt,
        endReason,
        endedAt: 5,
      }),
    ],
  });

beforeEach(() => {
  FakeNotification.shown = [];
  FakeNotification.permission = 'granted';
  hidden = true;
  focus = jest.fn();
  state$ = new BehaviorSubject(buildState());
  stop = notifyCalls(state$, env());
});
afterEach(() => stop());

it('notifies once for a call ringing while hidden, and closes it when the call is answered', () => {
  state$.next(ringing());
  state$.next(ringing());
  expect(FakeNotification.shown.map((n) => [n.title, n.options.body])).toEqual([
    ['Incoming call', 'bob is calling alice'],
  ]);
  FakeNotification.shown[0]!.onclick?.();
  expect(focus).toHaveBeenCalledTimes(1);
  state$.next(ended('CA1', 'remote-hangup', 3));
  expect(FakeNotification.shown[0]!.closed).toBe(true);
  expect(FakeNotification.shown).toHaveLength(1); // answered, not missed
});

it('notifies a missed call once, and not a declined one', () => {
  state$.next(ringing('CA1'));
  state$.next(ended('CA1', 'canceled'));
  state$.next(ended('CA1', 'canceled'));
  state$.next(ringing('CA2'));
  state$.next(ended('CA2', 'rejected'));
  expect(FakeNotification.shown.map((n) => n.title)).toEqual(['Incoming call', 'Missed call', 'Incoming call']);
});

it('stays quiet while the page is visible or without permission', () => {
  hidden = false;
  state$.next(ringing('CA1'));
  state$.next(ended('CA1', 'canceled'));
  hidden = true;
  FakeNotification.permission = 'denied';
  state$.next(ringing('CA2'));
  expect(FakeNotification.shown).toEqual([]);
});

it('asks for permission only when never asked', () => {
  FakeNotification.permission = 'default';
  askNotificationPermission(env());
  FakeNotification.permission = 'denied';
  askNotificationPermission(env());
  expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
});
