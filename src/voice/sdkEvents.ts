/**
 * The one place where SDK EventEmitter events become observables. Each subscription adds exactly
 * one listener and removes it on unsubscribe, so tearing down the service leaves the SDK objects
 * without any of our listeners.
 */
import { merge, Observable } from 'rxjs';
import { filter, map } from 'rxjs/operators';
import { CALL_EVENT_NAMES, DEVICE_EVENT_NAMES, type CallEventName, type DeviceEventName } from '../contract/schema';
import type { AudioHelperLike, CallLike, EmitterLike, SdkListener } from './sdkTypes';

/** Emits the argument list of every `name` event the emitter raises. */
export function fromSdkEvent(emitter: EmitterLike, name: string): Observable<unknown[]> {
  return new Observable<unknown[]>((subscriber) => {
    const listener: SdkListener = (...args) => subscriber.next(args);
    emitter.on(name, listener);
    return () => {
      emitter.removeListener(name, listener);
    };
  });
}

export interface DeviceSdkEvent {
  name: DeviceEventName;
  args: unknown[];
}

export interface CallSdkEvent {
  name: CallEventName;
  args: unknown[];
}

/** Every Device event, in emission order. */
export function deviceEvents(device: EmitterLike): Observable<DeviceSdkEvent> {
  return merge(...DEVICE_EVENT_NAMES.map((name) => fromSdkEvent(device, name).pipe(map((args) => ({ name, args })))));
}

/** Every Call event, in emission order. */
export function callEvents(call: CallLike): Observable<CallSdkEvent> {
  return merge(...CALL_EVENT_NAMES.map((name) => fromSdkEvent(call, name).pipe(map((args) => ({ name, args })))));
}

/** The microphone level the AudioHelper measures (0..1); malformed samples are dropped. */
export function inputVolume(audio: AudioHelperLike): Observable<number> {
  return fromSdkEvent(audio, 'inputVolume').pipe(
    map(([level]) => level),
    filter((level): level is number => typeof level === 'number' && Number.isFinite(level)),
    map((level) => Math.min(1, Math.max(0, level))),
  );
}

/** Each time the AudioHelper has (re)enumerated the media devices. */
export function audioDeviceChanges(audio: AudioHelperLike): Observable<void> {
  return fromSdkEvent(audio, 'deviceChange').pipe(map(() => undefined));
}
