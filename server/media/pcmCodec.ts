import OpusScript from 'opusscript';
import { decodeMulaw, encodeMulaw } from './g711.js';
import { FRAME_SAMPLES, SAMPLE_RATE } from './tones.js';

/**
 * Audio the server has to *change* (hold music, a conference mix) is handled as 8 kHz linear PCM in 20 ms frames of
 * FRAME_SAMPLES, whatever the leg negotiated: PCMU is a per-sample table (g711.ts); Opus goes through libopus compiled
 * to wasm (opusscript), run at 8 kHz so one internal format serves both codecs. Plain bridges never come here.
 */
export interface PcmCodec {
  /** One RTP payload → 8 kHz samples (any multiple of 2.5 ms for Opus, any length for PCMU). */
  decode(payload: Buffer): Int16Array;
  /** One 20 ms frame of FRAME_SAMPLES samples → one RTP payload. */
  encode(frame: Int16Array): Buffer;
  /** How far the RTP timestamp advances per 20 ms frame at the codec's clock rate. */
  readonly timestampStep: number;
  /** Releases the codec's wasm memory (Opus). */
  close(): void;
}

class PcmuCodec implements PcmCodec {
  readonly timestampStep = FRAME_SAMPLES;
  decode(payload: Buffer): Int16Array {
    return decodeMulaw(payload);
  }
  encode(frame: Int16Array): Buffer {
    return encodeMulaw(frame);
  }
  close(): void {}
}

class OpusCodec implements PcmCodec {
  /** 20 ms at Opus's 48 kHz RTP clock (RFC 7587), whatever rate the codec runs at inside. */
  readonly timestampStep = 960;
  private encoder: OpusScript | null = null;
  private decoder: OpusScript | null = null;

  decode(payload: Buffer): Int16Array {
    this.decoder ??= new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.VOIP);
    try {
      const pcm = this.decoder.decode(payload);
      return new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
    } catch {
      // A corrupt or DTX packet is a gap, not a failure of the call.
      return new Int16Array(0);
    }
  }

  encode(frame: Int16Array): Buffer {
    this.encoder ??= new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.VOIP);
    return this.encoder.encode(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), FRAME_SAMPLES);
  }

  close(): void {
    this.encoder?.delete();
    this.decoder?.delete();
    this.encoder = null;
    this.decoder = null;
  }
}

/** A codec for a negotiated mime type (`audio/opus`, `audio/PCMU`), or null for one the server cannot transcode. */
export function pcmCodecFor(mimeType: string | undefined): PcmCodec | null {
  switch (mimeType?.toLowerCase()) {
    case 'audio/pcmu':
      return new PcmuCodec();
    case 'audio/opus':
      return new OpusCodec();
    default:
      return null;
  }
}
