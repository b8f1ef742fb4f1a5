import { isIP } from 'node:net';
import type { Socket } from 'node:dgram';
import { isCutOff } from './networkOutage.js';

/**
 * Sends a short-cut RTP packet on the ICE connection's nominated pair straight through the pair's UDP socket, as
 * werift's `connection.send` ends up doing, without its three chained async functions per packet (a promise each,
 * with every promise hook in the process) and the pair's address array it builds per packet. The pair's socket and
 * remote address are cached per nominated pair, so an ICE restart (a new nominated pair) is followed at its first
 * packet. Anything unusual (TCP candidates, a host name, a closed socket, a network outage in a test) goes werift's
 * way.
 */

/** werift internals (names as in werift 0.25; not in its typings). */
interface UdpTransportInternals {
  socket: Socket;
  closed: boolean;
}
/** werift's `Event` (what `execute` runs: its subscribers). */
export interface EventInternals {
  ended: boolean;
  execute: (data: Buffer) => void;
}
export interface ProtocolInternals {
  type: string;
  transport?: UdpTransportInternals;
  onDataReceived: EventInternals;
}
interface CandidatePairInternals {
  protocol: ProtocolInternals;
  remoteCandidate: { host: string; port: number };
  packetsSent: number;
  bytesSent: number;
  packetsReceived: number;
  bytesReceived: number;
}
export interface IceConnectionInternals {
  nominated?: CandidatePairInternals;
  protocols: ProtocolInternals[];
  canSendApplicationData(): boolean;
  send(data: Buffer): Promise<void>;
  onData: EventInternals;
}

interface Route {
  pair: CandidatePairInternals;
  /** Null: send werift's way. */
  transport: UdpTransportInternals | null;
  host: string;
  port: number;
}

const noRoute: Route = { pair: {} as CandidatePairInternals, transport: null, host: '', port: 0 };

function routeOf(pair: CandidatePairInternals): Route {
  const { host, port } = pair.remoteCandidate;
  const transport = pair.protocol.type === 'stun' && isIP(host) !== 0 ? (pair.protocol.transport ?? null) : null;
  return { pair, transport, host, port };
}

export class DirectIceSend {
  private route: Route = noRoute;

  send(connection: IceConnectionInternals, data: Buffer): void {
    // RFC 7675 (werift's own check): no application data without a nominated pair and fresh consent.
    if (!connection.canSendApplicationData()) return;
    const pair = connection.nominated as CandidatePairInternals;
    if (this.route.pair !== pair) this.route = routeOf(pair);
    const { transport, host, port } = this.route;
    if (!transport || transport.closed || isCutOff(transport)) {
      connection.send(data).catch(() => undefined);
      return;
    }
    transport.socket.send(data, port, host);
    pair.packetsSent++;
    pair.bytesSent += data.length;
  }
}
