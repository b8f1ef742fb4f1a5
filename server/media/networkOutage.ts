import type { RTCPeerConnection } from 'werift';

/** The parts of werift's UDP transport an outage replaces (werift keeps them on its ICE connection's protocols). */
interface DatagramTransport {
  send(data: Buffer, addr: unknown): Promise<void>;
  onData: (data: Buffer, addr: unknown) => void;
}

interface IceConnectionInternals {
  protocols?: Array<{ transport?: DatagramTransport }>;
}

/** Transports cut off now: the short cut's direct send (iceSend.ts) checks it, as it bypasses `transport.send`. */
const cutOff = new WeakSet<object>();

export function isCutOff(transport: object): boolean {
  return cutOff.has(transport);
}

function datagramTransportsOf(pc: RTCPeerConnection): DatagramTransport[] {
  return pc.iceTransports.flatMap((ice) =>
    ((ice.connection as unknown as IceConnectionInternals).protocols ?? []).flatMap((p) =>
      p.transport ? [p.transport] : [],
    ),
  );
}

/**
 * Cuts a peer connection off the network: every datagram its sockets would send or receive (STUN checks and
 * answers, DTLS, RTP) is dropped, as when a link goes down, until the returned function restores them. The browser
 * sees its ICE consent checks go unanswered, goes `disconnected` and restarts ICE.
 */
export function cutOffNetwork(pc: RTCPeerConnection): () => void {
  const restores = datagramTransportsOf(pc).map((transport) => {
    const { send, onData } = transport;
    transport.send = () => Promise.resolve();
    transport.onData = () => undefined;
    cutOff.add(transport);
    return () => {
      transport.send = send;
      transport.onData = onData;
      cutOff.delete(transport);
    };
  });
  return () => {
    for (const restore of restores.splice(0)) restore();
  };
}
