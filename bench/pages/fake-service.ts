/**
 * A SoftphoneService with no SDK behind it, for benchmarks that measure the bus or the UI and not the
 * voice stack: every command resolves at once, state changes only through `setState`, levels through
 * `pushVolume` / `pushMicLevel`. Streams complete on destroy, like the real service's.
 */
import { BehaviorSubject, Subject } from 'rxjs';
import { BUS_VERSION, type CallState, type SoftphoneEvent, type SoftphoneState } from '../../src/contract/schema';
import type { CallVolume, DialResult, SendMessageResult, SoftphoneService } from '../../src/contract/service';

export function registeredState(instance: string): SoftphoneState {
  return {
    v: BUS_VERSION,
    instance,
    device: { state: 'registered', identity: instance, isBusy: false, edge: 'roaming', home: 'local', tokenExpiresAt: Date.now() + 3_600_000, supported: true },
    microphone: { permission: 'granted' },
    audio: {
      inputs: [{ deviceId: 'default', label: 'Default microphone' }],
      outputs: [{ deviceId: 'default', label: 'Default speaker' }],
      selectedInput: 'default',
      selectedOutputs: ['default'],
      selectedRingtoneOutputs: ['default'],
      outputSelectionSupported: true,
    },
    calls: [],
    activeCallSid: null,
    lastError: null,
  };
}

/** An outgoing call to `to`, answered `answeredMsAgo` ago. */
export function openCall(sid: string, to: string, answeredMsAgo = 1000): CallState {
  const now = Date.now();
  return {
    sid,
    twilioCallSid: sid,
    direction: 'outgoing',
    status: 'open',
    from: null,
    to,
    muted: false,
    codec: 'opus',
    startedAt: now - answeredMsAgo - 500,
    answeredAt: now - answeredMsAgo,
    endedAt: null,
    endReason: null,
    customParameters: {},
    warnings: [],
    reconnecting: false,
    messages: [],
    feedbackSent: false,
  };
}

export class BenchService implements SoftphoneService {
  private readonly states: BehaviorSubject<SoftphoneState>;
  private readonly eventSubject = new Subject<SoftphoneEvent>();
  private readonly volumes = new Subject<CallVolume>();
  private readonly micLevels = new Subject<number>();
  readonly state$;
  readonly events$ = this.eventSubject.asObservable();
  readonly volume$ = this.volumes.asObservable();
  readonly micLevel$ = this.micLevels.asObservable();

  constructor(readonly instance: string, initial: SoftphoneState = registeredState(instance)) {
    this.states = new BehaviorSubject(initial);
    this.state$ = this.states.asObservable();
  }

  getState(): SoftphoneState {
    return this.states.getValue();
  }
  setState(state: SoftphoneState): void {
    this.states.next(state);
  }
  pushVolume(volume: CallVolume): void {
    this.volumes.next(volume);
  }
  pushMicLevel(level: number): void {
    this.micLevels.next(level);
  }

  start = async (): Promise<void> => undefined;
  register = async (): Promise<void> => undefined;
  unregister = async (): Promise<void> => undefined;
  dial = async (): Promise<DialResult> => ({ callSid: 'CA-bench' });
  hangup = async (): Promise<void> => undefined;
  hangupAll = async (): Promise<void> => undefined;
  accept = async (): Promise<void> => undefined;
  reject = async (): Promise<void> => undefined;
  ignore = async (): Promise<void> => undefined;
  mute = async (muted?: boolean): Promise<{ muted: boolean }> => ({ muted: muted ?? true });
  sendDigits = async (): Promise<void> => undefined;
  sendMessage = async (): Promise<SendMessageResult> => ({ voiceEventSid: 'KX-bench' });
  setInputDevice = async (): Promise<void> => undefined;
  setOutputDevice = async (): Promise<void> => undefined;
  setRingtoneDevice = async (): Promise<void> => undefined;
  testSpeaker = async (): Promise<void> => undefined;
  postFeedback = async (): Promise<void> => undefined;
  requestMicrophone = async (): Promise<void> => undefined;
  clearError = (): void => undefined;
  destroy = (): void => {
    this.states.complete();
    this.eventSubject.complete();
    this.volumes.complete();
    this.micLevels.complete();
  };
}
