/**
 * The incoming calls the server places to bring a line back to us (custom parameter `SwitchboardLine`) or to start
 * the consult leg of a warm transfer (`SwitchboardConsultFor`). The service accepts such a call by itself ONLY while
 * it waits for one it asked for; any other invite, whatever its parameters, rings like every incoming call.
 */
import { CONSULT_FOR_PARAMETER, LINE_PARAMETER } from '../contract/callControl';
import { SoftphoneError } from '../contract/service';
import type { CallLike } from './sdkTypes';
import type { Timers } from './timers';

export type CallbackKind = 'line' | 'consult';

interface Waiting {
  onCall: (call: CallLike) => void;
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: unknown;
}

/** How long the server may take to call us back after it accepted the request. */
export const CALLBACK_TIMEOUT_MS = 20_000;

const keyOf = (kind: CallbackKind, lineSid: string): string => `${kind}:${lineSid}`;

export class LineCallbacks {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly timers: Timers,
    private readonly timeoutMs = CALLBACK_TIMEOUT_MS,
  ) {}

  /**
   * Waits for the call-back of `lineSid`; `onCall` takes it over synchronously when it arrives (so no other part of
   * the service sees it ring). Resolves once `onCall` ran; rejects with its error, on `cancel`, or after the timeout.
   */
  expect(
    kind: CallbackKind,
    lineSid: string,
    onCall: (call: CallLike) => void,
  ): { done: Promise<void>; cancel(): void } {
    const key = keyOf(kind, lineSid);
    this.waiting.get(key)?.reject(new SoftphoneError('wrong_state', 'A newer request replaced this one.'));
    let cancel = (): void => undefined;
    const done = new Promise<void>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.drop(key);
        reject(new SoftphoneError('timeout', 'The server did not call back in time.'));
      }, this.timeoutMs);
      this.waiting.set(key, { onCall, resolve, reject, timer });
      cancel = () => {
        if (this.drop(key)) reject(new SoftphoneError('upstream_failed', 'The request was not carried out.'));
      };
    });
    return { done, cancel };
  }

  /** Takes over `call` when it is a call-back this service waits for; false: an ordinary incoming call. */
  claim(call: CallLike): boolean {
    const line = call.customParameters.get(LINE_PARAMETER);
    const consultFor = call.customParameters.get(CONSULT_FOR_PARAMETER);
    const key =
      line !== undefined ? keyOf('line', line) : consultFor !== undefined ? keyOf('consult', consultFor) : null;
    const waiting = key === null ? undefined : this.waiting.get(key);
    if (!key || !waiting) return false;
    this.drop(key);
    try {
      waiting.onCall(call);
      waiting.resolve();
    } catch (error) {
      waiting.reject(error);
    }
    return true;
  }

  /** Shutdown: nothing will be called back any more. */
  dispose(): void {
    for (const [key, waiting] of [...this.waiting]) {
      this.drop(key);
      waiting.reject(new SoftphoneError('not_ready', 'The softphone has been shut down.'));
    }
  }

  private drop(key: string): boolean {
    const waiting = this.waiting.get(key);
    if (!waiting) return false;
    this.timers.clearTimeout(waiting.timer);
    this.waiting.delete(key);
    return true;
  }
}
