/**
 * `sendMessage` resolves when the SDK acknowledges the message (`messageSent`) and rejects on the
 * call's message `error`; whatever is still waiting when the call ends is rejected.
 */
import type { SoftphoneError } from '../contract/service';
import type { CallEntry } from './callRegistry';
import { toSoftphoneError } from './errors';
import type { CallSdkEvent } from './sdkEvents';

/** Settles the message a `messageSent` or `error` event answers, if any is waiting. */
export function settlePendingMessage(entry: CallEntry, event: CallSdkEvent): void {
  if (event.name === 'messageSent') {
    const sid = (event.args[0] as { voiceEventSid?: unknown } | undefined)?.voiceEventSid;
    const index = entry.pendingMessages.findIndex((m) => m.voiceEventSid === sid);
    if (index >= 0) entry.pendingMessages.splice(index, 1)[0].resolve({ voiceEventSid: String(sid) });
  } else if (event.name === 'error' && entry.pendingMessages.length > 0) {
    // The SDK's message error carries no voiceEventSid; acks and errors arrive in send order.
    const error = event.args[0];
    entry.pendingMessages.shift()?.reject(toSoftphoneError(error));
  }
}

export function rejectPendingMessages(entry: CallEntry, error: () => SoftphoneError): void {
  entry.pendingMessages.splice(0).forEach((m) => m.reject(error()));
}
