import type { RTCPeerConnection, RTCRtpTransceiver } from 'werift';
import { useNativeX25519ForWerift } from './nativeX25519.js';
import { SRTP_AES128_CM_HMAC_SHA1_80 } from './aesCmCipher.js';
import { traceLeg } from './mediaTrace.js';
import { EarlyDtlsFlight } from './earlyDtlsFlight.js';
import { answerClientHelloDirectly } from './dtlsDirectServerHello.js';
import { useCachedCertificateFingerprints, useParsedCertificateOnce } from './dtlsCertificate.js';

/** How werift is set up for call legs: the changes that took its setup off the path of a call. */
useNativeX25519ForWerift();
useCachedCertificateFingerprints();
useParsedCertificateOnce();

/**
 * DTLS server (a=setup:passive) on every leg we answer: werift's DTLS client waits a fixed 100 ms before its first
 * ClientHello and retransmits after 0.5 s, 1 s, …; the browser as client starts as soon as its ICE is writable and
 * retransmits on its ICE-RTT timer (measured: the caller leg connected ≈ 100 ms sooner). Also no STUN query (below).
 * Call before createAnswer.
 */
export function answerAsDtlsServer(audio: RTCRtpTransceiver, pc: RTCPeerConnection): void {
  if (audio.dtlsTransport) audio.dtlsTransport.role = 'server';
  withoutStunQuery(pc);
}

/** werift's AEAD_AES_128_GCM profile id (RFC 7714). */
const SRTP_AEAD_AES_128_GCM = 0x0007;

/**
 * The SRTP profiles a leg's DTLS offers or picks, in order: AES_CM_128_HMAC_SHA1_80 first, AEAD_AES_128_GCM still
 * accepted. werift prefers GCM, whose per-packet cipher Node can only build anew for every packet (`createCipheriv`
 * with the packet's IV, ≈ 6 µs); the CM profile's keystream comes from one long-lived AES cipher (aesCmCipher.ts).
 * It is the profile Twilio documents for its media (https://www.twilio.com/docs/voice/api/secure-media: SRTP with
 * AES_CM_128_HMAC_SHA1_80 and _32), and every WebRTC browser offers it. As DTLS server (every leg the browser
 * answers or calls from) werift picks the first of these the browser offers.
 */
const SRTP_PROFILE_ORDER = [SRTP_AES128_CM_HMAC_SHA1_80, SRTP_AEAD_AES_128_GCM];

/**
 * Before DTLS starts: the SRTP profile order above, and the browser's early DTLS records kept (below); `role` names the
 * leg in a trace (mediaTrace.ts). Call after setLocalDescription.
 */
export function prepareDtls(pc: RTCPeerConnection, role: 'offerer' | 'answerer'): void {
  traceLeg(pc, role);
  for (const dtls of pc.dtlsTransports) {
    if (dtls.state !== 'new') continue;
    (dtls as unknown as { srtpProfiles: number[] }).srtpProfiles = [...SRTP_PROFILE_ORDER];
  }
  keepEarlyDtlsRecords(pc);
}

/**
 * Keeps the DTLS records a browser sends before werift's DTLS transport exists, and hands them to it when it starts.
 * The browser (DTLS client) sends its ClientHello as soon as its own ICE check succeeds, while werift creates its
 * DTLS server only after its ICE is `connected` (our nomination, 20 ms check pacing): a ClientHello that lands in
 * between was dropped, and the browser retransmits it only after 0.1–1.1 s, so the leg stayed silent that long.
 * Every fragment of the ClientHello is kept (earlyDtlsFlight.ts: it spans two datagrams) and replayed in order.
 * A leg's DTLS server answers that ClientHello with its ServerHello flight at once (dtlsDirectServerHello.ts).
 */
function keepEarlyDtlsRecords(pc: RTCPeerConnection): void {
  for (const dtls of pc.dtlsTransports) {
    if (dtls.state !== 'new') continue;
    const ice = dtls.iceTransport.connection;
    const early = new EarlyDtlsFlight();
    const held = ice.onData.subscribe((data) => early.keep(data));
    const watch = dtls.onStateChange.subscribe((state) => {
      if (state === 'new') return;
      held.unSubscribe();
      watch.unSubscribe();
      const records = early.take();
      if (state !== 'connecting') return;
      // `connecting` is set just before the DTLS socket is built, synchronously in the same turn: a microtask runs
      // right after it (setImmediate waited behind the whole event loop, 50–190 ms under load), before any datagram.
      queueMicrotask(() => {
        const socket = dtls.dtls;
        if (socket && dtls.role === 'server') answerClientHelloDirectly(socket);
        for (const record of records) ice.onData.execute(record);
      });
    });
  }
}

/**
 * No STUN query: with no STUN server configured werift's ICE still asks stun.l.google.com for a reflexive candidate
 * of every host address (its built-in default). Here that cannot resolve, and with a few peers gathering at once the
 * lookup sometimes waited out werift's 5 s STUN timer, so a call's setup stalled for 5 s (bench/callSetups.ts: p95
 * 5.2 s; 15 of 48 concurrent answers); where it resolves, every call would send a request to Google. The server peers
 * offer host candidates only, as they always meant to. Call before setLocalDescription.
 */
export function withoutStunQuery(pc: RTCPeerConnection): void {
  for (const ice of pc.iceTransports) ice.connection.stunServer = undefined;
}
