import { FRAME_SAMPLES } from './tones.js';
import { LoopCursor, holdMusicLoop } from './holdMusic.js';
import { RINGBACK as RINGBACK_TONE } from './ringback.js';
import { pcmCodecFor, type PcmCodec } from './pcmCodec.js';
import { forwardAudio, forwardDigits } from './rtpBridge.js';
import type { AudioPort } from './audioPort.js';

/** Generated sources a hearing map may name besides endpoint ids: the hold-music loop and ringback. */
export const HOLD_MUSIC = 'hold-music';
export const RINGBACK = 'ringback';
const GENERATED: Record<string, () => Int16Array> = { [HOLD_MUSIC]: holdMusicLoop, [RINGBACK]: () => RINGBACK_TONE };
const isGenerated = (source: string): boolean => source in GENERATED;

export interface RoutedEndpoint {
  id: string;
  peer: AudioPort;
}

/** For each endpoint id, the sources it hears: other endpoint ids, HOLD_MUSIC, RINGBACK. Missing = hears nothing. */
export type Hearing = ReadonlyMap<string, readonly string[]>;

const FRAME_MS = 20;
/** Frames kept per source: more means the source runs ahead of the mix clock, and the oldest go. */
const MAX_QUEUED_FRAMES = 6;
/** After a stall (a busy event loop), at most this many frames are caught up at once. */
const MAX_CATCH_UP = 5;

/** Decoded audio of one endpoint, cut into 20 ms frames for the mix clock. */
class PcmTap {
  private pending = new Int16Array(0);
  private readonly frames: Int16Array[] = [];
  private readonly codecs = new Map<string, PcmCodec | null>();
  private readonly stop: () => void;

  constructor(private readonly peer: AudioPort) {
    this.stop = peer.onAudio((packet) => this.push(packet.payloadType, packet.payload));
  }

  /** The next frame, or null when the source has sent nothing new (it counts as silence). */
  take(): Int16Array | null {
    return this.frames.shift() ?? null;
  }

  close(): void {
    this.stop();
    for (const codec of this.codecs.values()) codec?.close();
  }

  private push(payloadType: number, payload: Buffer): void {
    const mime = this.peer.codecOf(payloadType) ?? '';
    if (!this.codecs.has(mime)) this.codecs.set(mime, pcmCodecFor(mime));
    const samples = this.codecs.get(mime)?.decode(payload);
    if (!samples || samples.length === 0) return;
    const joined = new Int16Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    let offset = 0;
    for (; offset + FRAME_SAMPLES <= joined.length; offset += FRAME_SAMPLES)
      this.frames.push(joined.slice(offset, offset + FRAME_SAMPLES));
    this.pending = joined.slice(offset);
    while (this.frames.length > MAX_QUEUED_FRAMES) this.frames.shift();
  }
}

/** One endpoint that hears a mix (several sources, hold music, or a source in another codec). */
class MixedOutput {
  private sequenceNumber = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private codec: PcmCodec | null = null;
  private codecMime = '';

  constructor(
    readonly endpoint: RoutedEndpoint,
    readonly sources: readonly string[],
    private readonly streamName: string,
  ) {}

  send(frame: Int16Array): void {
    const mime = this.endpoint.peer.sendCodec?.mimeType ?? '';
    if (mime !== this.codecMime) {
      this.codec?.close();
      this.codec = pcmCodecFor(mime);
      this.codecMime = mime;
    }
    if (!this.codec) return;
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + this.codec.timestampStep) >>> 0;
    this.endpoint.peer.send(
      {
        sequenceNumber: this.sequenceNumber,
        timestamp: this.timestamp,
        marker: false,
        payload: this.codec.encode(frame),
      },
      this.streamName,
    );
  }

  close(): void {
    this.codec?.close();
  }
}

let routings = 0;

function canForward(from: AudioPort, to: AudioPort): boolean {
  const a = from.sendCodec?.mimeType.toLowerCase();
  return a !== undefined && a === to.sendCodec?.mimeType.toLowerCase();
}

/**
 * Who hears whom among a set of server peers: an endpoint that hears exactly one other endpoint in the same codec
 * gets its RTP forwarded untouched (a plain bridge, no transcoding); every other hearing (several sources, hold
 * music, a codec change) is mixed: each source decoded to PCM, summed per listener (never the listener itself),
 * encoded in the listener's codec on a 20 ms clock. `apply` replaces the whole routing at once.
 */
export class AudioRouting {
  private readonly name = `mix-${++routings}`;
  private stops: Array<() => void> = [];
  private taps = new Map<string, PcmTap>();
  private outputs: MixedOutput[] = [];
  private generated = new Map<string, LoopCursor>();
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private framesSent = 0;
  private generation = 0;

  apply(endpoints: readonly RoutedEndpoint[], hearing: Hearing): void {
    this.teardown();
    // A new stream name per routing: each listener's peer re-bases its sequence numbers onto the new mix.
    const stream = `${this.name}.${++this.generation}`;
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    for (const listener of endpoints) {
      const sources = (hearing.get(listener.id) ?? []).filter(
        (s) => isGenerated(s) || (byId.has(s) && s !== listener.id),
      );
      if (sources.length === 0) continue;
      // Key presses reach whoever hears their sender (a party moved to a number's IVR keeps using its keypad).
      for (const source of sources) {
        const endpoint = byId.get(source);
        if (endpoint) this.stops.push(forwardDigits(endpoint.peer, listener.peer));
      }
      const only = sources.length === 1 ? byId.get(sources[0] ?? '') : undefined;
      if (only && canForward(only.peer, listener.peer)) {
        this.stops.push(forwardAudio(only.peer, listener.peer));
        continue;
      }
      this.outputs.push(new MixedOutput(listener, sources, stream));
      for (const source of sources) {
        const endpoint = byId.get(source);
        if (endpoint && !this.taps.has(source)) this.taps.set(source, new PcmTap(endpoint.peer));
      }
    }
    for (const output of this.outputs)
      for (const source of output.sources) {
        const render = GENERATED[source];
        if (render && !this.generated.has(source)) this.generated.set(source, new LoopCursor(render()));
      }
    if (this.outputs.length > 0) {
      this.startedAt = performance.now();
      this.framesSent = 0;
      this.timer = setInterval(() => this.tick(), FRAME_MS / 2);
    }
  }

  close(): void {
    this.teardown();
  }

  /** Emits as many 20 ms frames as the wall clock says are due, so a slow timer does not slow the audio down. */
  private tick(): void {
    const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS) - this.framesSent;
    if (due > MAX_CATCH_UP) this.framesSent += due - MAX_CATCH_UP;
    for (let i = 0; i < Math.min(due, MAX_CATCH_UP); i++) {
      this.emitFrame();
      this.framesSent++;
    }
  }

  private emitFrame(): void {
    const current = new Map<string, Int16Array | null>();
    for (const [id, tap] of this.taps) current.set(id, tap.take());
    for (const [id, cursor] of this.generated) current.set(id, cursor.nextFrame());
    for (const output of this.outputs) {
      const sum = new Int32Array(FRAME_SAMPLES);
      for (const source of output.sources) {
        const frame = current.get(source);
        if (frame) for (let i = 0; i < FRAME_SAMPLES; i++) sum[i] = (sum[i] ?? 0) + (frame[i] ?? 0);
      }
      const mixed = new Int16Array(FRAME_SAMPLES);
      for (let i = 0; i < FRAME_SAMPLES; i++) mixed[i] = Math.max(-32768, Math.min(32767, sum[i] ?? 0));
      output.send(mixed);
    }
  }

  private teardown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const stop of this.stops) stop();
    this.stops = [];
    for (const tap of this.taps.values()) tap.close();
    this.taps = new Map();
    for (const output of this.outputs) output.close();
    this.outputs = [];
    this.generated = new Map();
  }
}
