/** What a person can do about a `lastError`: the one action most likely to resolve it, when there is one. */
import type { LastError, SoftphoneState } from '../../contract/schema';
import type { SoftphoneService } from '../../contract/service';
import type { MessageKey } from '../i18n/catalog';

export interface NextStep {
  kind: 'microphone' | 'retry' | 'register' | 'redial';
  label: MessageKey;
  run: (service: SoftphoneService) => Promise<unknown>;
}

/** Call failures that may well work a moment later: the callee was busy or away, the network hiccupped. */
const REDIAL_CODES: ReadonlySet<LastError['code']> = new Set([31000, 31005, 31480, 31486, 53405, 'timeout']);

export function isMicrophoneError(error: LastError): boolean {
  return error.source === 'microphone' || error.code === 'microphone_denied' || error.code === 31401;
}

/** The number an outgoing call that failed was placed to, so "Call again" can place it again. */
function redialTarget(error: LastError, state: SoftphoneState): string | null {
  if (error.source !== 'call' || !REDIAL_CODES.has(error.code)) return null;
  const call = state.calls.find((c) => c.sid === error.callSid || c.twilioCallSid === error.callSid);
  return call && call.direction === 'outgoing' && call.to ? call.to : null;
}

export function nextStepFor(error: LastError, state: SoftphoneState): NextStep | null {
  if (isMicrophoneError(error))
    return { kind: 'microphone', label: 'mic.allow', run: (service) => service.requestMicrophone() };
  if (error.code === 'unsupported') return null;
  if (error.source === 'token' || error.code === 'token_error')
    return { kind: 'retry', label: 'error.retry', run: (service) => service.start() };
  if (error.source === 'device')
    return { kind: 'register', label: 'error.registerAgain', run: (service) => service.register() };
  const to = redialTarget(error, state);
  if (to) return { kind: 'redial', label: 'error.callAgain', run: (service) => service.dial(to) };
  return null;
}
