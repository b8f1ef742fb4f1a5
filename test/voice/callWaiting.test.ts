/**
 * The call-waiting tone: a double beep on the selected speaker, repeated while a call rings beside an open one, and
 * silent as soon as that call is accepted, rejected, ignored or cancelled (never the full ringtone).
 */
import { flush, inOutgoingCall } from './support/harness';
import { CALL_WAITING_REPEAT_MS, type BeepPlayer } from '../../src/voice/callWaiting';

class RecordingBeeper implements BeepPlayer {
  readonly beeps: Array<string | null> = [];
  closed = 0;
  doubleBeep(sinkId: string | null): void {
    this.beeps.push(sinkId);
  }
  close(): void {
    this.closed += 1;
  }
}

beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] }));
afterEach(() => jest.useRealTimers());

async function waitingCall(config: Parameters<typeof inOutgoingCall>[0] = {}) {
  const beeper = new RecordingBeeper();
  const h = await inOutgoingCall(config, { createBeeper: () => beeper });
  return { ...h, beeper };
}

describe('call-waiting tone', () => {
  it('is silent for a lone ringing call and during a call, and beeps every few seconds while a call waits', async () => {
    const h = await waitingCall();
    expect(h.beeper.beeps).toEqual([]);
    await h.service.setOutputDevice(['speaker-2']);
    const waiting = h.twilio.device.simulateIncoming({ callSid: 'CA2' })!;
    expect(h.beeper.beeps).toEqual(['speaker-2']);
    jest.advanceTimersByTime(CALL_WAITING_REPEAT_MS * 2);
    expect(h.beeper.beeps).toHaveLength(3);
    waiting.simulateCancel();
    jest.advanceTimersByTime(CALL_WAITING_REPEAT_MS * 3);
    expect(h.beeper.beeps).toHaveLength(3);
  });

  it.each([
    ['accepted', (h: Awaited<ReturnType<typeof waitingCall>>) => h.service.accept('CA2')],
    ['rejected', (h: Awaited<ReturnType<typeof waitingCall>>) => h.service.reject('CA2')],
    ['ignored', (h: Awaited<ReturnType<typeof waitingCall>>) => h.service.ignore('CA2')],
  ])('stops once the waiting call is %s', async (_name, act) => {
    const h = await waitingCall();
    h.twilio.device.simulateIncoming({ callSid: 'CA2' });
    expect(h.beeper.beeps).toHaveLength(1);
    await act(h);
    await flush();
    jest.advanceTimersByTime(CALL_WAITING_REPEAT_MS * 3);
    expect(h.beeper.beeps).toHaveLength(1);
  });

  it('plays nothing without call waiting (the second call is refused busy), and stops with the service', async () => {
    const off = await waitingCall({ allowIncomingWhileBusy: false });
    off.twilio.device.simulateIncoming({ callSid: 'CA2' });
    expect(off.beeper.beeps).toEqual([]);
    const h = await waitingCall();
    h.twilio.device.simulateIncoming({ callSid: 'CA3' });
    h.service.destroy();
    jest.advanceTimersByTime(CALL_WAITING_REPEAT_MS * 3);
    expect(h.beeper.beeps).toHaveLength(1);
    expect(h.beeper.closed).toBe(1);
  });
});
