import type { CallState } from '../schema';

/** The fields of a call nothing has happened to yet (not muted, not ended, no warnings or messages); fresh arrays each time. */
export function untouchedCallFields(): Pick<
  CallState,
  'muted' | 'endedAt' | 'endReason' | 'customParameters' | 'warnings' | 'reconnecting' | 'messages' | 'feedbackSent'
> {
  return { muted: false, endedAt: null, endReason: null, customParameters: {}, warnings: [], reconnecting: false, messages: [], feedbackSent: false };
}
