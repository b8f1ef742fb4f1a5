/** What a person can do about a `lastError`, by where the error came from. */
import type { LastError } from '../contract/schema';
import type { SoftphoneService } from '../contract/service';

export interface NextStep {
  kind: 'microphone' | 'retry' | 'register';
  label: string;
  run: (service: SoftphoneService) => Promise<void>;
}

/** The action most likely to resolve an error, by where it came from. */
export function nextStepFor(error: LastError): NextStep | null {
  if (error.source === 'microphone' || error.code === 'microphone_denied' || error.code === 31401) {
    return { kind: 'microphone', label: 'Allow microphone', run: (service) => service.requestMicrophone() };
  }
  if (error.code === 'unsupported') return null;
  if (error.source === 'token' || error.code === 'token_error')
    return { kind: 'retry', label: 'Retry', run: (service) => service.start() };
  if (error.source === 'device')
    return { kind: 'register', label: 'Register again', run: (service) => service.register() };
  return null;
}
