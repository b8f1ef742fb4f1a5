import { createRequire } from 'node:module';
import type { DtlsSocket } from 'werift';

/**
 * werift's DTLS server answers every ClientHello without a cookie with a HelloVerifyRequest and waits for the
 * ClientHello to come back with it: one extra round trip before its ServerHello flight. RFC 6347 §4.2.1 lets a server
 * skip the cookie exchange; on a WebRTC leg ICE has already proved the peer's address (the cookie's only purpose is
 * that proof, against spoofed-address amplification), and the fingerprints in the SDP authenticate the handshake.
 * Under load Chromium ignored ≈ 13 % of werift's HelloVerifyRequests and resent its ClientHello only after 0.6–1.1 s,
 * so those calls reached audio both ways after more than a second.
 *
 * This installs, on one werift DtlsServer, a ClientHello handler that negotiates exactly as werift does (its own
 * flight-2 code, with the HelloVerifyRequest it builds left unsent) and answers with werift's own flight 4 (ServerHello
 * … ServerHelloDone) at once. Its first message is numbered 0, as the first message of a handshake must be (§4.2.2),
 * where werift numbers it 1 after its HelloVerifyRequest (0). A ClientHello the browser retransmits while that flight
 * is out gets nothing at once (werift's own flight-4 timer resends the flight if it was lost): answering each one with
 * the whole flight again, as werift does, made Chromium under load drop werift's first CCS + Finished about twice as
 * often (it then resent its flight 5 only after ≈ 1 s; measured: 31 of 300 calls over 1 s against 3 of 300 with the
 * cookie exchange; without those resends 17 of 180 against 27 of 180, interleaved beside a CPU burner).
 * test/server/media/dtlsDirectServerHello.test.ts runs it against werift's DTLS client and a fragmented Chromium-sized
 * ClientHello, and fails if werift's shape changes.
 */

/** The parts of a werift handshake message the handler reads (werift's FragmentedHandshake). */
interface Handshake {
  msg_type: number;
  fragment: Buffer;
}
interface ClientHelloMessage {
  cookie: Buffer;
}
interface ServerFlight4 {
  exec(clientHello: Handshake, certificateRequest?: boolean): Promise<void>;
}
interface WeriftServerFlights {
  flight2: (
    udp: { send(data: Buffer): unknown },
    dtls: unknown,
    cipher: unknown,
    srtp: unknown,
  ) => (hello: unknown) => void;
  Flight4: new (
    udp: unknown,
    dtls: unknown,
    cipher: unknown,
    srtp: unknown,
  ) => ServerFlight4 & { sendServerHello(): Buffer; dtls: { sequenceNumber: number } };
  ClientHello: { deSerialize(fragment: Buffer): ClientHelloMessage };
  DtlsServer: abstract new (...args: never[]) => DtlsSocket;
}

const CLIENT_HELLO = 1;

let loaded: WeriftServerFlights | null | undefined;

/** werift's DTLS server flights, from the very files its DtlsServer uses (the package exports only its index). */
export function weriftServerFlights(): WeriftServerFlights | null {
  if (loaded !== undefined) return loaded;
  try {
    const fromIndex = createRequire(createRequire(import.meta.url).resolve('werift'));
    const dtls = (file: string): Record<string, unknown> =>
      fromIndex(`../../dtls/src/${file}`) as Record<string, unknown>;
    const flights = {
      flight2: dtls('flight/server/flight2.js')['flight2'],
      Flight4: dtls('flight/server/flight4.js')['Flight4'],
      ClientHello: dtls('handshake/message/client/hello.js')['ClientHello'],
      DtlsServer: dtls('server.js')['DtlsServer'],
    };
    const shaped =
      typeof flights.flight2 === 'function' &&
      typeof flights.Flight4 === 'function' &&
      typeof (flights.Flight4 as { prototype?: { sendServerHello?: unknown } }).prototype?.sendServerHello ===
        'function' &&
      typeof (flights.ClientHello as { deSerialize?: unknown } | undefined)?.deSerialize === 'function' &&
      typeof flights.DtlsServer === 'function';
    loaded = shaped ? (flights as unknown as WeriftServerFlights) : null;
  } catch {
    loaded = null;
  }
  return loaded;
}

/** werift's flight 4 numbered as the first flight of the server's handshake (ServerHello is message 0). */
function firstServerFlight(flights: WeriftServerFlights): WeriftServerFlights['Flight4'] {
  return class FirstServerFlight extends flights.Flight4 {
    override sendServerHello(): Buffer {
      // werift's exec sets 1 (after its HelloVerifyRequest) just before this; with no cookie exchange it is 0.
      this.dtls.sequenceNumber = 0;
      return super.sendServerHello();
    }
  };
}

/** Nothing goes out: flight 2's HelloVerifyRequest is what this skips. */
const unsent = { send: (): void => undefined };

/**
 * Makes `server` answer a cookie-less ClientHello with its ServerHello flight directly. Returns false (and leaves
 * werift's cookie exchange in place) when werift's DTLS server is not the shape this was written against.
 */
export function answerClientHelloDirectly(server: DtlsSocket): boolean {
  const flights = weriftServerFlights();
  if (!flights || !(server instanceof flights.DtlsServer) || typeof server.onHandleHandshakes !== 'function') {
    return false;
  }
  const Flight = firstServerFlight(flights);
  const werift = server.onHandleHandshakes;
  const handle = async (assembled: Handshake[]): Promise<void> => {
    const [first, ...rest] = assembled;
    if (!first || first.msg_type !== CLIENT_HELLO || server.connected) return werift(assembled as never);
    const hello = flights.ClientHello.deSerialize(first.fragment);
    // A ClientHello that carries a cookie is werift's business (none of ours: we never send one).
    if (hello.cookie.length > 0) return werift(assembled as never);
    const state = server.dtls as unknown as { flight: number; recordSequenceNumber: number };
    // A retransmitted ClientHello while our flight 4 is out (or later): left to werift's own flight-4 timer.
    if (state.flight >= 4) return;
    flights.flight2(unsent, server.dtls, server.cipher, server.srtp)(hello);
    state.recordSequenceNumber = 0; // the unsent HelloVerifyRequest took none
    // exec resolves only once the client's next flight arrives (it retransmits meanwhile), as in werift's handler.
    const sent = new Flight(server.transport, server.dtls, server.cipher, server.srtp).exec(
      first,
      server.options.certificateRequest,
    );
    if (rest.length > 0) await werift(rest as never);
    await sent;
  };
  server.onHandleHandshakes = handle as DtlsSocket['onHandleHandshakes'];
  return true;
}
