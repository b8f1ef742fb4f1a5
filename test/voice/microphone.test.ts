/**
 * The microphone outside calls: a fresh Device selects the default input (so `selectedInput` names the
 * microphone in use), and `micLevel$` relays the AudioHelper's `inputVolume` while anyone listens.
 */
import { flush, setup, started } from './support/harness';

describe('default microphone selection', () => {
  it('selects the "default" input once the Device exists, without holding up registration', async () => {
    const h = await started();
    const audio = h.twilio.device.audio;
    expect(audio.setInputDeviceCalls).toEqual(['default']);
    expect(audio.inputDevice).toEqual({ deviceId: 'default' });
    expect(h.state().audio.selectedInput).toBe('default');
    expect(h.state().device.state).toBe('registered');
    expect(h.state().lastError).toBeNull();
  });

  it('falls back to the first input when the browser lists no "default" entry', async () => {
    const h = await started({}, ({ twilio }) => {
      twilio.configure = (device) => device.audio.availableInputDevices.delete('default');
    });
    expect(h.twilio.device.audio.setInputDeviceCalls).toEqual(['mic-2']);
    expect(h.state().audio.selectedInput).toBe('mic-2');
  });

  it('waits for the AudioHelper’s own device enumeration before selecting', async () => {
    const h = await started({}, ({ twilio }) => {
      twilio.configure = (device) => device.audio.availableInputDevices.clear();
    });
    const audio = h.twilio.device.audio;
    expect(audio.setInputDeviceCalls).toEqual([]);
    expect(h.state().audio.selectedInput).toBeNull();
    expect(h.state().device.state).toBe('registered');
    expect(audio.clientListenerCount).toBe(1); // waiting for 'deviceChange'

    audio.simulateEnumeration([{ deviceId: 'default', label: 'Built-in microphone' }]);
    await flush();
    expect(audio.setInputDeviceCalls).toEqual(['default']);
    expect(h.state().audio.selectedInput).toBe('default');
    expect(audio.clientListenerCount).toBe(0);
  });

  it('reports a failed selection as a transient error and still registers', async () => {
    const h = await started({}, ({ twilio }) => {
      twilio.configure = (device) => {
        device.audio.inputFailure = Object.assign(new Error('Could not start audio source'), {
          name: 'NotReadableError',
        });
      };
    });
    expect(h.state().device.state).toBe('registered');
    expect(h.state().audio.selectedInput).toBeNull();
    expect(h.state().lastError).toMatchObject({ source: 'audio', severity: 'transient', code: 31402 });
  });

  it('selects nothing while the microphone is denied (no Device exists)', async () => {
    const h = setup({}, ({ media }) => {
      media.outcome = 'denied';
    });
    await h.service.start();
    await flush();
    expect(h.twilio.devices).toHaveLength(0);
    expect(h.state().audio.selectedInput).toBeNull();
  });

  it('abandons a pending selection on destroy', async () => {
    const h = await started({}, ({ twilio }) => {
      twilio.configure = (device) => device.audio.availableInputDevices.clear();
    });
    const audio = h.twilio.device.audio;
    h.service.destroy();
    expect(audio.clientListenerCount).toBe(0);
    audio.simulateEnumeration([{ deviceId: 'default', label: 'Built-in microphone' }]);
    await flush();
    expect(audio.setInputDeviceCalls).toEqual([]);
  });
});

describe('micLevel$', () => {
  it('emits the selected microphone’s level outside calls, clamped to 0..1', async () => {
    const h = await started();
    const levels: number[] = [];
    const subscription = h.service.micLevel$.subscribe((level) => levels.push(level));
    const audio = h.twilio.device.audio;
    audio.simulateInputVolume(0.25);
    audio.simulateInputVolume(0.5);
    audio.simulateInputVolume(1.7);
    audio.simulateInputVolume(-1);
    audio.simulateInputVolume(Number.NaN);
    expect(levels).toEqual([0.25, 0.5, 1, 0]);
    expect(h.state().calls).toEqual([]);
    subscription.unsubscribe();
  });

  it('starts relaying once the Device exists when subscribed before start()', async () => {
    const h = setup();
    const levels: number[] = [];
    const subscription = h.service.micLevel$.subscribe((level) => levels.push(level));
    await h.service.start();
    await flush();
    h.twilio.device.audio.simulateInputVolume(0.3);
    expect(levels).toEqual([0.3]);
    subscription.unsubscribe();
  });

  it('listens to the SDK only while subscribed, with one listener for any number of subscribers', async () => {
    const h = await started();
    const audio = h.twilio.device.audio;
    // No subscriber: the AudioHelper must not be polling the level every frame.
    expect(audio.listenerCount('inputVolume')).toBe(0);
    const first = h.service.micLevel$.subscribe();
    const second = h.service.micLevel$.subscribe();
    expect(audio.listenerCount('inputVolume')).toBe(1);
    first.unsubscribe();
    expect(audio.listenerCount('inputVolume')).toBe(1);
    second.unsubscribe();
    expect(audio.listenerCount('inputVolume')).toBe(0);
    expect(audio.clientListenerCount).toBe(0);
  });

  it('is not part of state$: level samples publish no state', async () => {
    const h = await started();
    const subscription = h.service.micLevel$.subscribe();
    const before = h.states.length;
    for (let i = 0; i < 20; i += 1) h.twilio.device.audio.simulateInputVolume(i / 20);
    expect(h.states.length).toBe(before);
    expect(h.eventNames().filter((name) => name.includes('olume'))).toEqual([]);
    subscription.unsubscribe();
  });

  it('removes its SDK listener and completes on destroy', async () => {
    const h = await started();
    const audio = h.twilio.device.audio;
    let completed = false;
    const levels: number[] = [];
    h.service.micLevel$.subscribe({ next: (level) => levels.push(level), complete: () => (completed = true) });
    expect(audio.clientListenerCount).toBe(1);

    h.service.destroy();
    expect(audio.clientListenerCount).toBe(0);
    expect(audio.liveListenerCount).toBe(0);
    expect(completed).toBe(true);
    audio.simulateInputVolume(0.9);
    expect(levels).toEqual([]);

    let lateCompleted = false;
    h.service.micLevel$.subscribe({ complete: () => (lateCompleted = true) });
    expect(lateCompleted).toBe(true);
    expect(audio.clientListenerCount).toBe(0);
  });
});
