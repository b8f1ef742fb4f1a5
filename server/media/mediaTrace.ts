import { appendFileSync } from 'node:fs';
import type { RTCPeerConnection } from 'werift';

/**
 * Diagnostics for a leg's setup (issue 18's early-audio check): with SWITCHBOARD_MEDIA_TRACE set to a file path,
 * every server peer appends one JSON line when it closes with the milliseconds (since the trace started) at which
 * each DTLS record came in at its UDP socket, reached the ICE connection's event, was handed to werift's DTLS
 * socket or went out, when its states changed and when its first RTP came in and went out. Off (nothing wrapped)
 * without the variable.
 */
const traceFile = process.env.SWITCHBOARD_MEDIA_TRACE;

/** Handshake message names (RFC 6347) for the records a trace lists. */
const HANDSHAKE_NAMES: Record<number, string> = {
  1: 'ClientHello',
  2: 'ServerHello',
  3: 'HelloVerifyRequest',
  11: 'Certificate',
  12: 'ServerKeyExchange',
  13: 'CertificateRequest',
  14: 'ServerHelloDone',
  15: 'CertificateVerify',
  16: 'ClientKeyExchange',
};

/** A plaintext handshake fragment: `ClientHello[seq 0, 0+1100/1500]` (message_seq, offset + length / length). */
function handshakeName(data: Buffer, at: number): string {
  const name = HANDSHAKE_NAMES[data[at] as number] ?? `type${data[at]}`;
  const total = data.readUIntBE(at + 1, 3);
  const offset = data.readUIntBE(at + 6, 3);
  const length = data.readUIntBE(at + 9, 3);
  return `${name}[seq ${data.readUInt16BE(at + 4)}, ${offset}+${length}/${total}]`;
}

/** The DTLS records of one datagram, named: `hs:ClientHello`, `ccs`, `hs:enc` (epoch 1: Finished), `alert`, `app`. */
export function describeDtls(data: Buffer): string {
  const names: string[] = [];
  for (let at = 0; at + 13 <= data.length; at += 13 + data.readUInt16BE(at + 11)) {
    const type = data[at] as number;
    const epoch = data.readUInt16BE(at + 3);
    if (type === 22 && epoch === 0 && at + 25 <= data.length) names.push(`hs:${handshakeName(data, at + 13)}`);
    else if (type === 22) names.push('hs:enc');
    else names.push(type === 20 ? 'ccs' : type === 21 ? 'alert' : type === 23 ? 'app' : `type${type}`);
  }
  return names.join('+');
}

const isDtls = (data: Buffer): boolean => data.length > 0 && (data[0] as number) > 19 && (data[0] as number) < 64;
const isMedia = (data: Buffer): boolean => data.length > 1 && (data[0] as number) >= 128 && (data[0] as number) < 192;

interface UdpTransportInternals {
  onData: (data: Buffer, addr: unknown) => void;
  send: (data: Buffer, addr: unknown) => Promise<void>;
}
interface TraceConnection {
  protocols: Array<{ transport?: UdpTransportInternals }>;
  onData: { subscribe: (f: (data: Buffer) => void) => unknown };
}
interface DtlsSocketInternals {
  transport: { socket: { onData: (data: Buffer) => void } };
}

class LegTrace {
  private readonly events: Array<[number, string]> = [];
  private readonly seen = new Set<string>();
  private written = false;

  constructor(readonly role: string) {}

  stamp(what: string): void {
    this.events.push([Math.round(performance.now() * 10) / 10, what]);
  }

  /** Stamps only the first occurrence of `what`. */
  once(what: string): void {
    if (this.seen.has(what)) return;
    this.seen.add(what);
    this.stamp(what);
  }

  write(): void {
    if (this.written || !traceFile) return;
    this.written = true;
    appendFileSync(traceFile, `${JSON.stringify({ role: this.role, events: this.events })}\n`);
  }
}

/** werift's `[host, port]` address as `host:port`. */
const addressOf = (addr: unknown): string => (Array.isArray(addr) ? addr.join(':') : String(addr));

function traceSockets(trace: LegTrace, connection: TraceConnection): void {
  for (const protocol of connection.protocols) {
    const transport = protocol.transport;
    if (!transport) continue;
    const { onData, send } = transport;
    const local = (): string => String((transport as { address?: { port?: number } }).address?.port ?? '?');
    transport.onData = (data, addr) => {
      if (isDtls(data)) trace.stamp(`udp-in ${describeDtls(data)} from ${addressOf(addr)} at :${local()}`);
      else if (isMedia(data)) trace.once('udp-in first media');
      onData(data, addr);
    };
    transport.send = (data, addr) => {
      if (isDtls(data)) trace.stamp(`udp-out ${describeDtls(data)} to ${addressOf(addr)} from :${local()}`);
      else if (isMedia(data)) trace.once('udp-out first media (werift)');
      return send.call(transport, data, addr);
    };
  }
  connection.onData.subscribe((data) => {
    if (isDtls(data)) trace.stamp(`ice-event ${describeDtls(data)}`);
  });
}

/** Starts a leg's trace (when enabled). Call after setLocalDescription, when its sockets exist. */
export function traceLeg(pc: RTCPeerConnection, role: string): void {
  if (!traceFile) return;
  const trace = new LegTrace(role);
  trace.stamp('trace start');
  for (const dtls of pc.dtlsTransports) {
    traceSockets(trace, dtls.iceTransport.connection as unknown as TraceConnection);
    dtls.iceTransport.onStateChange.subscribe((state) => trace.stamp(`ice ${state}`));
    dtls.onStateChange.subscribe((state) => {
      trace.stamp(`dtls ${state}`);
      if (state !== 'connecting') return;
      // werift builds its DTLS socket right after `connecting`, in the same turn.
      queueMicrotask(() => {
        const socket = (dtls as unknown as { dtls?: DtlsSocketInternals }).dtls?.transport.socket;
        if (!socket) return trace.stamp('dtls socket missing');
        const handle = socket.onData;
        socket.onData = (data) => {
          trace.stamp(`to-dtls ${describeDtls(data)}`);
          handle(data);
        };
      });
    });
  }
  pc.connectionStateChange.subscribe((state) => {
    trace.stamp(`pc ${state}`);
    if (state === 'closed' || state === 'failed') trace.write();
  });
  traces.set(pc, trace);
}

const traces = new WeakMap<RTCPeerConnection, LegTrace>();

/** Stamps `what` once on the leg's trace (first RTP in or out), when tracing. */
export function traceOnce(pc: RTCPeerConnection, what: string): void {
  traces.get(pc)?.once(what);
}

/** True when legs are traced (SWITCHBOARD_MEDIA_TRACE is set). */
export const tracing = traceFile !== undefined;

/** Appends one JSON line of the caller's own (a test's per-call timings) to the trace file, when tracing. */
export function traceNote(note: Record<string, unknown>): void {
  if (traceFile) appendFileSync(traceFile, `${JSON.stringify({ ...note, at: performance.now() })}\n`);
}
