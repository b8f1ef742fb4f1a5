/**
 * A faithful in-memory SoftphoneService for UI tests: state$ replays the latest state like the real
 * service (BehaviorSubject), every command is a jest.fn that resolves by default, and the subjects
 * count their subscribers so tests can prove the UI unsubscribes.
 */
import { BehaviorSubject, Observable, Subject } from 'rxjs';
import type { CallState, SoftphoneEvent, SoftphoneState } from '../../../src/contract/schema';
import type { CallVolume, SoftphoneService } from '../../../src/contract/service';
import { untouchedCallFields } from '../../../src/contract/testing/stateBuilder';

export function makeState(overrides: Partial<Omit<SoftphoneState, 'device' | 'microphone' | 'audio'>> & {
  device?: Partial<SoftphoneState['device']>;
  microphone?: Partial<SoftphoneState['microphone']>;
  audio?: Partial<SoftphoneState['audio']>;
} = {}): SoftphoneState {
  const { device, microphone, audio, ...rest } = overrides;
  return {
    v: 1,
    instance: 'alice',
    calls: [],
    activeCallSid: null,
    lastError: null,
    ...rest,
    device: {
      state: 'registered',
      identity: 'alice',
      isBusy: false,
      edge: 'roaming',
      home: null,
      tokenExpiresAt: Date.now() + 3_600_000,
      supported: true,
      ...device,
    },
    microphone: { permission: 'granted', ...microphone },
    audio: {
      inputs: [
        { deviceId: 'default', label: 'Default - Built-in Microphone' },
        { deviceId: 'usb-mic', label: 'USB Headset Microphone' },
      ],
      outputs: [
        { deviceId: 'default', label: 'Default - Built-in Speakers' },
        { deviceId: 'usb-out', label: 'USB Headset' },
      ],
      selectedInput: 'default',
      selectedOutputs: ['default'],
      selectedRingtoneOutputs: ['default'],
      outputSelectionSupported: true,
      ...audio,
    },
  };
}

export function makeCall(overrides: Partial<CallState> = {}): CallState {
  return {
    sid: 'CA0001',
    twilioCallSid: 'CA0001',
    direction: 'outgoing',
    status: 'open',
    from: 'client:alice',
    to: 'client:bob',
    ...untouchedCallFields(),
    codec: 'opus',
    startedAt: Date.now() - 10_000,
    answeredAt: Date.now() - 5_000,
    ...overrides,
  };
}

/** Wraps a subject so the number of live subscriptions can be read. */
function counted<T>(source: Observable<T>): { observable: Observable<T>; count: () => number } {
  let subscribers = 0;
  const observable = new Observable<T>((subscriber) => {
    subscribers += 1;
    const inner = source.subscribe(subscriber);
    return () => {
      subscribers -= 1;
      inner.unsubscribe();
    };
  });
  return { observable, count: () => subscribers };
}

type CommandName = Exclude<keyof SoftphoneService, 'instance' | 'state$' | 'events$' | 'volume$' | 'micLevel$' | 'getState'>;
type CommandMock<K extends CommandName> = jest.Mock<ReturnType<SoftphoneService[K]>, Parameters<SoftphoneService[K]>>;
type CommandMocks = { [K in CommandName]: CommandMock<K> };

export interface FakeService extends Omit<SoftphoneService, CommandName>, CommandMocks {
  /** Replace the state (whole, or derived from the current one) and emit it. */
  setState(next: SoftphoneState | ((current: SoftphoneState) => SoftphoneState)): void;
  pushVolume(sample: CallVolume): void;
  pushMicLevel(level: number): void;
  pushEvent(event: SoftphoneEvent): void;
  subscriberCounts(): { state: number; volume: number; micLevel: number; events: number };
}

export function createFakeService(initial: SoftphoneState = makeState()): FakeService {
  const state = new BehaviorSubject<SoftphoneState>(initial);
  const volume = new Subject<CallVolume>();
  const micLevel = new Subject<number>();
  const events = new Subject<SoftphoneEvent>();
  const state$ = counted(state.asObservable());
  const volume$ = counted(volume.asObservable());
  const micLevel$ = counted(micLevel.asObservable());
  const events$ = counted(events.asObservable());
  const resolved = <A extends unknown[]>() => jest.fn<Promise<void>, A>(() => Promise.resolve());

  const service: FakeService = {
    instance: initial.instance,
    state$: state$.observable,
    volume$: volume$.observable,
    micLevel$: micLevel$.observable,
    events$: events$.observable,
    getState: () => state.getValue(),
    start: resolved(),
    register: resolved(),
    unregister: resolved(),
    dial: jest.fn<ReturnType<SoftphoneService['dial']>, Parameters<SoftphoneService['dial']>>(() => Promise.resolve({ callSid: 'CA-new' })),
    hangup: resolved(),
    hangupAll: resolved(),
    accept: resolved(),
    reject: resolved(),
    ignore: resolved(),
    mute: jest.fn<ReturnType<SoftphoneService['mute']>, Parameters<SoftphoneService['mute']>>((muted) => Promise.resolve({ muted: muted ?? true })),
    sendDigits: resolved(),
    sendMessage: jest.fn<ReturnType<SoftphoneService['sendMessage']>, Parameters<SoftphoneService['sendMessage']>>(() => Promise.resolve({ voiceEventSid: 'KX0001' })),
    setInputDevice: resolved(),
    setOutputDevice: resolved(),
    setRingtoneDevice: resolved(),
    testSpeaker: resolved(),
    postFeedback: resolved(),
    requestMicrophone: resolved(),
    clearError: jest.fn<void, []>(() => state.next({ ...state.getValue(), lastError: null })),
    destroy: jest.fn<void, []>(),
    setState(next) {
      state.next(typeof next === 'function' ? next(state.getValue()) : next);
    },
    pushVolume: (sample) => volume.next(sample),
    pushMicLevel: (level) => micLevel.next(level),
    pushEvent: (event) => events.next(event),
    subscriberCounts: () => ({ state: state$.count(), volume: volume$.count(), micLevel: micLevel$.count(), events: events$.count() }),
  };
  return service;
}
