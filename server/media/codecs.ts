import { RTCRtpCodecParameters } from 'werift';

/** Which audio codec the server peer puts first: Opus for echo (packets return untouched), PCMU for generated audio. */
export type CodecPreference = 'opus' | 'pcmu';

export const OPUS = { mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 } as const;
export const PCMU = { mimeType: 'audio/PCMU', clockRate: 8000, payloadType: 0 } as const;
/** RFC 4733 events at both clock rates Chrome offers (8 kHz pairs with PCMU, 48 kHz with Opus). */
export const TELEPHONE_EVENT_8K = { mimeType: 'audio/telephone-event', clockRate: 8000, payloadType: 126 } as const;
export const TELEPHONE_EVENT_48K = { mimeType: 'audio/telephone-event', clockRate: 48000, payloadType: 110 } as const;

/** werift codec list in preference order; payload types are matched to the offer's by werift when answering. */
export function audioCodecs(prefer: CodecPreference, only?: CodecPreference): RTCRtpCodecParameters[] {
  const opus = new RTCRtpCodecParameters({ ...OPUS, parameters: 'minptime=10;useinbandfec=1' });
  const pcmu = new RTCRtpCodecParameters(PCMU);
  const events = [TELEPHONE_EVENT_8K, TELEPHONE_EVENT_48K].map(
    (e) => new RTCRtpCodecParameters({ ...e, parameters: '0-16' }),
  );
  if (only) return [only === 'pcmu' ? pcmu : opus, ...events];
  return [...(prefer === 'pcmu' ? [pcmu, opus] : [opus, pcmu]), ...events];
}

export function isTelephoneEvent(mimeType: string): boolean {
  return mimeType.toLowerCase() === 'audio/telephone-event';
}
