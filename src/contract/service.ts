/**
 * The service contract the UI and the bus host consume. `VoiceService` implements it over the real
 * Twilio SDK; UI tests implement it with a BehaviorSubject-backed fake. Nothing here imports the SDK.
 */
import type { Observable } from 'rxjs';
import type { HoldResult, MergeResult, TransferMode, TransferResult } from './callControl.js';
import type { ErrorCode } from './errorCodes.js';
import type { FeedbackIssue } from './feedback.js';
import type { HistoryEntry, HistoryResult } from './history.js';
import type { DialResult, MuteResult, SendMessageResult } from './results.js';
import type { SoftphoneEvent } from './schemaEvent.js';
import type { SoftphoneState } from './schemaState.js';

export type { DialResult, SendMessageResult } from './results.js';

/** Error thrown (rejected) by every service command; `code` is the bus error code. */
export class SoftphoneError extends Error {
  override readonly name = 'SoftphoneError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Twilio's numeric code when the SDK raised it. */
    readonly twilioCode?: number,
  ) {
    super(message);
  }
}

export function isSoftphoneError(e: unknown): e is SoftphoneError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'SoftphoneError' &&
    typeof (e as { code?: unknown }).code === 'string'
  );
}

/** One sample of the ~20 Hz volume stream, kept off `state$` so it re-renders only the meters. */
export interface CallVolume {
  callSid: string;
  /** 0..1 */
  input: number;
  /** 0..1 */
  output: number;
}

/**
 * One phone's Device, calls and audio: what `VoiceService` implements over the SDK in the tab that leads an
 * identity, and what a follower tab's forwarding service implements by asking the leader (src/tabs).
 */
export interface SoftphoneCore {
  /** The Twilio identity this service registers as; also the bus `instance`. */
  readonly instance: string;
  /** Replays the latest state to every subscriber. */
  readonly state$: Observable<SoftphoneState>;
  /** Every Device and Call event, as it is published on the bus. */
  readonly events$: Observable<SoftphoneEvent>;
  /** Input/output levels of calls, ~20 Hz while a call is connected. */
  readonly volume$: Observable<CallVolume>;
  /**
   * The selected microphone's level (0..1), in and outside calls, at the browser's frame rate while
   * subscribed (the first subscriber starts the SDK's measurement, the last one stops it). Completes
   * on destroy. Kept off `state$` like `volume$`.
   */
  readonly micLevel$: Observable<number>;
  getState(): SoftphoneState;

  /** Acquire microphone permission, token and SDK, create the Device and register it. Idempotent. */
  start(): Promise<void>;
  register(): Promise<void>;
  unregister(): Promise<void>;
  dial(to: string, params?: Record<string, string>): Promise<DialResult>;
  hangup(callSid?: string): Promise<void>;
  hangupAll(): Promise<void>;
  accept(callSid?: string): Promise<void>;
  reject(callSid?: string): Promise<void>;
  ignore(callSid?: string): Promise<void>;
  /** Sets mute to `muted`, or toggles when omitted. Resolves with the new value. */
  mute(muted?: boolean, callSid?: string): Promise<MuteResult>;
  sendDigits(digits: string, callSid?: string): Promise<void>;
  sendMessage(content: unknown, messageType?: string, callSid?: string): Promise<SendMessageResult>;
  setInputDevice(deviceId: string): Promise<void>;
  setOutputDevice(deviceIds: string[]): Promise<void>;
  setRingtoneDevice(deviceIds: string[]): Promise<void>;
  /** Plays a short test sound on the selected speaker(s). */
  testSpeaker(): Promise<void>;
  postFeedback(score: number, issue?: FeedbackIssue, callSid?: string): Promise<void>;
  /**
   * Puts a connected call on hold (the far end hears hold music, our microphone is not sent) or resumes it; toggles
   * when `held` is omitted. Resolves with the new value.
   */
  hold(held?: boolean, callSid?: string): Promise<HoldResult>;
  /**
   * blind (default): the far end of the call is connected to `to` and our call ends. warm: the far end is held and a
   * consult call to `to` starts (a new call entry with `consultFor`); resolves with its sid.
   */
  transfer(to: string, callSid?: string, mode?: TransferMode): Promise<TransferResult>;
  /** On a consult call: connects the held party with the consulted one; both our calls end. */
  completeTransfer(callSid?: string): Promise<void>;
  /** The held call and the live call become one three-way conference (the held call folds into the live one). */
  merge(): Promise<MergeResult>;
  /** Call waiting: holds the live call and resumes `callSid` (a held call). */
  switchCall(callSid: string): Promise<void>;
  /** Ask for microphone permission again (after a denial the user fixed in site settings). */
  requestMicrophone(): Promise<void>;
  /** Forget `lastError` (the user dismissed it). */
  clearError(): void;
  /** Destroy the Device, end calls, stop timers and tracks, complete every stream. Idempotent. */
  destroy(): void;
}

/**
 * Commands (the methods named like the rows of the command table, commands.ts) are what the bus host
 * calls; their parameters are the bus client's methods' parameters too. The parcel composes it from a
 * `SoftphoneCore` (this tab's Device or the leader tab's), the persisted history and the tab coordinator.
 */
export interface SoftphoneService extends SoftphoneCore {
  /** The persisted calls of this identity, newest first; replays the latest list. */
  readonly history$: Observable<readonly HistoryEntry[]>;
  /** The newest `limit` calls (default 50), newest first. */
  history(limit?: number): Promise<HistoryResult>;
  /** Forget every persisted call of this identity (a user action). */
  clearHistory(): Promise<void>;
  /**
   * Make this tab the one that owns the Device and the audio. Refused (`busy`) while a call is in progress,
   * and a no-op in the leader.
   */
  useThisTab(): Promise<void>;
}
