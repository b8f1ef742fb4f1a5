import type { EventInternals, IceConnectionInternals, ProtocolInternals } from './iceSend.js';

/**
 * Offers every datagram an ICE connection receives to `take` first; what it does not take goes on werift's way.
 * werift hands a datagram from a socket's STUN protocol to the connection through two `Event`s, and each `execute`
 * starts an async function for its (empty) promise subscribers: a promise per datagram, two with every promise hook
 * in the process. So `take` is hooked on each protocol's event, where werift's ICE connection would count the datagram
 * for the nominated pair (kept here), and on the connection's own event as before, which also hooks a protocol added
 * later (gathering after an ICE restart) when its first taken datagram arrives there. Returns the unhook function.
 */
export function hookIceReceive(connection: IceConnectionInternals, take: (data: Buffer) => boolean): () => void {
  const unhooks: Array<() => void> = [];
  const hooked = new Set<ProtocolInternals>();
  const hookProtocols = (): void => {
    for (const protocol of connection.protocols) {
      if (hooked.has(protocol)) continue;
      hooked.add(protocol);
      unhooks.push(
        intercept(protocol.onDataReceived, (data) => {
          if (!take(data)) return false;
          // werift's ICE connection counts every datagram of the nominated pair's protocol (its candidate-pair stats).
          const pair = connection.nominated;
          if (pair && pair.protocol === protocol) {
            pair.packetsReceived++;
            pair.bytesReceived += data.length;
          }
          return true;
        }),
      );
    }
  };
  hookProtocols();
  unhooks.push(
    intercept(connection.onData, (data) => {
      if (!take(data)) return false;
      hookProtocols();
      return true;
    }),
  );
  return () => {
    for (const unhook of unhooks.splice(0)) unhook();
  };
}

/** Runs `handle` before the event's subscribers; they get the datagram only when `handle` returns false. */
function intercept(event: EventInternals, handle: (data: Buffer) => boolean): () => void {
  const weriftWay = event.execute;
  event.execute = (data: Buffer) => {
    if (event.ended) return;
    if (!handle(data)) weriftWay(data);
  };
  return () => {
    event.execute = weriftWay;
  };
}
