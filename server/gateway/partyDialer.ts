import { ServerPeer, type ServerPeerOptions } from '../media/serverPeer.js';
import type { CodecPreference } from '../media/codecs.js';
import type { AudioPort } from '../media/audioPort.js';
import { makeSid } from './sids.js';
import { CLIENT_PREFIX } from './addressing.js';
import type { CallRegistry } from './callRegistry.js';
import type { CallRouter } from './callRouter.js';
import type { NumberRouting } from './numberRouting.js';
import type { NumberCallHandler } from './numberPlan.js';
import type { LineEndpoints } from './lineEndpoints.js';
import type { Endpoint } from './lines.js';

export interface DialRequest {
  /** `client:NAME` target identity, or an E.164 number of the plan. */
  identity?: string;
  number?: string;
  from: string;
  params?: Record<string, string>;
  /** The codec the leg offers: the one of the party it will hear, so audio is forwarded as is. */
  codec: CodecPreference;
  /** Its state changed (ringing → early/answered); a failure before answer arrives through LineEndpoints.onGone. */
  onChange: (endpoint: Endpoint) => void;
}

/** The codec a server peer negotiated, as the preference a new leg towards it offers. */
export function codecOf(peer: AudioPort): CodecPreference {
  return peer.sendCodec?.mimeType.toLowerCase() === 'audio/pcmu' ? 'pcmu' : 'opus';
}

/**
 * Legs the server dials for call control: an incoming call to every Device of an identity (retrieve, consult, a
 * transfer target), or a number of the plan reached through a server-side trunk peer (so a number is a party like
 * any other). Each becomes an Endpoint whose server peer offers the given codec only.
 */
export class PartyDialer {
  constructor(
    private readonly registry: CallRegistry,
    private readonly router: CallRouter,
    private readonly numbers: NumberRouting,
    private readonly endpoints: LineEndpoints,
    private readonly peerOptions: ServerPeerOptions = {},
  ) {}

  /** Rings the identity's Devices; null when none is reachable. */
  async dialClient(identity: string, request: DialRequest): Promise<Endpoint | null> {
    const { peer, offerSdp } = await ServerPeer.offer({ ...this.peerOptions, only: request.codec });
    const call = this.registry.newCall(
      makeSid('CA'),
      request.from,
      `${CLIENT_PREFIX}${identity}`,
      request.params ?? {},
    );
    const holder: { endpoint: Endpoint | null } = { endpoint: null };
    call.serverPeer = {
      offerSdp,
      acceptAnswer: (answerSdp) => {
        const endpoint = holder.endpoint;
        if (!endpoint || endpoint.state === 'ended') return;
        endpoint.leg = call.answered;
        endpoint.state = 'answered';
        peer.acceptAnswer(answerSdp).then(
          () => request.onChange(endpoint),
          () => endpoint.hangup(),
        );
      },
    };
    if (!this.router.ringIdentity(call, identity, offerSdp)) {
      this.registry.forgetCall(call);
      void peer.close();
      return null;
    }
    const endpoint: Endpoint = {
      sid: call.callees[0]?.sid ?? call.sid,
      party: `${CLIENT_PREFIX}${identity}`,
      leg: null,
      peer,
      state: 'ringing',
      hangup: () => this.endpoints.hangUp(endpoint),
    };
    holder.endpoint = endpoint;
    this.endpoints.register(
      endpoint,
      call,
      // Its call record ends with it (LineEndpoints.finish): the ringing or answered Devices are told there.
      () => undefined,
      () => void peer.close(),
    );
    return endpoint;
  }

  /** Calls a number of the plan; null when the plan has no such number. */
  async dialNumber(number: string, request: DialRequest): Promise<Endpoint | null> {
    const route = this.numbers.routeFor(number);
    if (!route) return null;
    const { peer, offerSdp } = await ServerPeer.offer({ ...this.peerOptions, only: request.codec });
    let applied = false;
    let handler: NumberCallHandler | null = null;
    const apply = (sdp: string, state: 'early' | 'answered'): void => {
      if (endpoint.state === 'ended') return;
      if (!applied) void peer.acceptAnswer(sdp).catch(() => endpoint.hangup());
      applied = true;
      endpoint.state = state;
      request.onChange(endpoint);
    };
    const endpoint: Endpoint = {
      sid: makeSid('CA'),
      party: number,
      leg: null,
      peer,
      state: 'ringing',
      hangup: () => this.endpoints.hangUp(endpoint),
    };
    this.endpoints.register(
      endpoint,
      null,
      () => handler?.onEnd?.(),
      () => void peer.close(),
    );
    handler = route({
      callSid: endpoint.sid,
      from: request.from,
      to: number,
      params: request.params ?? {},
      offerSdp,
      ringing: (earlyMediaSdp) => {
        if (earlyMediaSdp) apply(earlyMediaSdp, 'early');
      },
      answer: (answerSdp) => apply(answerSdp, 'answered'),
      hangup: () => {
        handler = null; // it ended by itself: no onEnd
        this.endpoints.endedByFarSide(endpoint);
      },
      sendMessage: () => undefined,
    });
    return endpoint;
  }
}
