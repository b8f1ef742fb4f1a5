type Listener<T> = (value: T) => void;

/** An audio RTP packet the far end sent (telephone-events are reported as digits instead). */
export interface ReceivedAudio {
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  marker: boolean;
  payload: Buffer;
}

/** An audio frame to send; the negotiated send codec's payload type is applied. */
export interface OutgoingAudio {
  sequenceNumber: number;
  timestamp: number;
  marker: boolean;
  payload: Buffer;
}

export interface NegotiatedCodec {
  mimeType: string;
  clockRate: number;
  payloadType: number;
}

/** What routing audio needs of an endpoint: its codec, the audio and key presses it produces, a way to feed it. */
export interface AudioPort {
  readonly sendCodec: NegotiatedCodec | null;
  codecOf(payloadType: number): string | undefined;
  onAudio(listener: Listener<ReceivedAudio>): () => void;
  onDigit(listener: Listener<string>): () => void;
  send(frame: OutgoingAudio, source?: string): void;
  sendDigit(key: string): void;
}

/** How a diverted peer reaches its wire (the Device's WebRTC connection) and its application (a number's code). */
export interface DiversionHooks {
  codec: () => NegotiatedCodec | null;
  codecOf: (payloadType: number) => string | undefined;
  toWire: (frame: OutgoingAudio, source: string) => void;
  digitToWire: (key: string) => void;
  toApp: (packet: ReceivedAudio) => void;
  digitToApp: (key: string) => void;
}

class ListenerSet<T> {
  private readonly listeners = new Set<Listener<T>>();

  add(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * A server peer split in two faces (call control taking over a call to a number): the number's code keeps the peer
 * it answered the Device with, but what it sends and receives goes through `app`, and the Device's media through
 * `wire`, so a line can route each to whom it likes (hold music, another party) with no renegotiation of either.
 */
export class PeerDiversion {
  private readonly wireAudio = new ListenerSet<ReceivedAudio>();
  private readonly wireDigits = new ListenerSet<string>();
  private readonly appAudio = new ListenerSet<ReceivedAudio>();
  private readonly appDigits = new ListenerSet<string>();
  readonly wire: AudioPort;
  readonly app: AudioPort;

  constructor(hooks: DiversionHooks) {
    const common = { codecOf: hooks.codecOf };
    this.wire = {
      ...common,
      get sendCodec() {
        return hooks.codec();
      },
      onAudio: (listener) => this.wireAudio.add(listener),
      onDigit: (listener) => this.wireDigits.add(listener),
      send: (frame, source = 'default') => hooks.toWire(frame, source),
      sendDigit: (key) => hooks.digitToWire(key),
    };
    this.app = {
      ...common,
      get sendCodec() {
        return hooks.codec();
      },
      onAudio: (listener) => this.appAudio.add(listener),
      onDigit: (listener) => this.appDigits.add(listener),
      // The application receives frames as if from the wire: in the peer's negotiated payload type.
      send: (frame) => {
        const codec = hooks.codec();
        if (codec) hooks.toApp({ ...frame, payloadType: codec.payloadType });
      },
      sendDigit: (key) => hooks.digitToApp(key),
    };
  }

  /** A packet or key press arrived from the Device. */
  fromWire(packet: ReceivedAudio): void {
    this.wireAudio.emit(packet);
  }

  fromWireDigit(key: string): void {
    this.wireDigits.emit(key);
  }

  /** The application sent a frame or a key press (it goes where the line routes `app`'s audio). */
  fromApp(frame: OutgoingAudio): void {
    const codec = this.app.sendCodec;
    if (codec) this.appAudio.emit({ ...frame, payloadType: codec.payloadType });
  }

  fromAppDigit(key: string): void {
    this.appDigits.emit(key);
  }

  close(): void {
    for (const set of [this.wireAudio, this.wireDigits, this.appAudio, this.appDigits]) set.clear();
  }
}
