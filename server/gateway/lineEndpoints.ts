import { openServerPeers, type ServerPeer } from '../media/serverPeer.js';
import type { AudioPort } from '../media/audioPort.js';
import { makeSid } from './sids.js';
import type { CallRegistry } from './callRegistry.js';
import type { CallEnding } from './callEnding.js';
import { legsOfCall, type CallRecord, type ClientLeg } from './callRecords.js';
import type { Endpoint } from './lines.js';

interface Held {
  /** The call record it belongs to; null for a number's trunk, which has none. */
  call: CallRecord | null;
  /** Releases the endpoint's media (its server peer). */
  release: () => void;
  /** Tells the far side it is over: the Device's `hangup`/`cancel`, a number's end. */
  tell: () => void;
}

/**
 * The calls call control has taken over, and the endpoints each still has. Such a call no longer ends as a whole:
 * CallEnding hands each ending here (`controlledEnd`), only the endpoint that went is gone (a held line parks, a
 * transferred party lives on in another line), and the call record is forgotten with its last endpoint.
 */
export class LineEndpoints {
  /** An endpoint went by itself (its Device hung up, a number ended, a ring failed). */
  onGone: (endpoint: Endpoint) => void = () => undefined;
  /** An endpoint's server peer was replaced (a reconnect from a new page). */
  onPeer: (endpoint: Endpoint) => void = () => undefined;
  private readonly byCall = new Map<CallRecord, Set<Endpoint>>();
  private readonly held = new Map<Endpoint, Held>();
  /** The far end (number, server media) of a taken-over call, while the call still has its Device leg. */
  private readonly farEnds = new Map<CallRecord, Endpoint>();

  constructor(
    private readonly registry: CallRegistry,
    private readonly ending: CallEnding,
  ) {
    ending.controlledEnd = (call, by) => this.callEnded(call, by);
  }

  isControlled(call: CallRecord): boolean {
    return this.byCall.has(call);
  }

  /** The endpoint of a Device leg, if call control holds it. */
  endpointOfLeg(legSid: string): Endpoint | undefined {
    return [...this.held.keys()].find((e) => e.leg?.sid === legSid || e.sid === legSid);
  }

  /**
   * Takes over an answered call between two Devices: both legs become endpoints, the bridge stops (call control
   * routes the audio from now on). Null when the call's media cannot be taken over.
   */
  adoptBridge(call: CallRecord): [Endpoint, Endpoint] | null {
    const media = call.mediaPath;
    const [caller, callee] = [call.caller, call.answered];
    if (!media?.takeOver || !media.peerOf || !caller || !callee || call.status !== 'in-progress') return null;
    const [a, b] = [media.peerOf(caller.sid), media.peerOf(callee.sid)];
    if (!a || !b) return null;
    const endpoints = [this.deviceEndpoint(call, caller, a), this.deviceEndpoint(call, callee, b)] as const;
    media.takeOver((legSid, peer) => {
      const endpoint = endpoints.find((e) => e.leg?.sid === legSid);
      if (endpoint && endpoint.peer !== peer && endpoint.state !== 'ended') {
        endpoint.peer = peer;
        this.onPeer(endpoint);
      }
    });
    return [endpoints[0], endpoints[1]];
  }

  /**
   * Takes over an answered call of a Device with a far end on the server (a number of the plan, or the server's media
   * of `POST /control/calls`): the server peer that answered the Device is split (ServerPeer.divert), so the Device
   * keeps its negotiated media as the agent endpoint and the far end's code becomes a party the line can hold, move
   * and mix. Null when there is no such far end.
   */
  adoptFarEnd(leg: ClientLeg): [Endpoint, Endpoint] | null {
    const call = leg.call;
    const farEnd = call.numberHandler ?? call.serverPeer;
    const peer = farEnd && !call.mediaPath ? peerAnswering(leg.remoteSdp) : undefined;
    if (!farEnd || !peer || call.status !== 'in-progress' || leg.state !== 'answered') return null;
    const { wire, app } = peer.divert();
    const party: Endpoint = {
      sid: makeSid('CA'),
      party: leg.role === 'caller' ? call.to : call.from,
      leg: null,
      peer: app,
      state: 'answered',
      hangup: () => this.hangUp(party),
    };
    // The far end's code ends with its endpoint (onEnd), wherever the line moved it; the peer closes with it.
    this.register(
      party,
      null,
      () => farEnd.onEnd?.(),
      () => void peer.close(),
    );
    call.farEndHungUp = () => this.endedByFarSide(party);
    this.farEnds.set(call, party);
    return [this.deviceEndpoint(call, leg, wire), party];
  }

  /** Registers an endpoint the server dialled itself (its call record, if any, and how to end it). */
  register(endpoint: Endpoint, call: CallRecord | null, tell: () => void, release: () => void): void {
    if (call) {
      const set = this.byCall.get(call) ?? new Set<Endpoint>();
      set.add(endpoint);
      this.byCall.set(call, set);
    }
    this.held.set(endpoint, { call, tell, release });
  }

  /** Ends an endpoint from the server side (the line decided it). */
  hangUp(endpoint: Endpoint): void {
    const held = this.held.get(endpoint);
    if (!held || endpoint.state === 'ended') return;
    held.tell();
    this.gone(endpoint, false);
  }

  /** A party that went by itself: its media is released and the line is told. */
  endedByFarSide(endpoint: Endpoint): void {
    if (endpoint.state !== 'ended') this.gone(endpoint, true);
  }

  private deviceEndpoint(call: CallRecord, leg: ClientLeg, peer: AudioPort): Endpoint {
    const endpoint: Endpoint = {
      sid: leg.sid,
      party: `client:${leg.identity}`,
      leg,
      peer,
      state: 'answered',
      hangup: () => this.hangUp(endpoint),
    };
    this.register(
      endpoint,
      call,
      () => {
        if (leg.state !== 'ended') this.ending.retireLeg(leg, 'hangup');
      },
      () => call.mediaPath?.closeLeg?.(leg.sid),
    );
    return endpoint;
  }

  private callEnded(call: CallRecord, by: ClientLeg | null): boolean {
    const endpoints = this.byCall.get(call);
    if (!endpoints) return false;
    if (by) {
      this.registry.forgetLeg(by);
      for (const endpoint of [...endpoints]) if (endpoint.leg === by) this.gone(endpoint, true);
      return true;
    }
    // Ended from the server side (the control API, a failed ring): every Device still on it is told, and its far end
    // ends too unless it moved on (then the call record is gone already).
    const farEnd = this.farEnds.get(call);
    for (const endpoint of [...(farEnd ? [farEnd] : []), ...endpoints]) {
      this.held.get(endpoint)?.tell();
      this.gone(endpoint, true);
    }
    return true;
  }

  private gone(endpoint: Endpoint, notify: boolean): void {
    const held = this.held.get(endpoint);
    if (!held) return;
    endpoint.state = 'ended';
    this.held.delete(endpoint);
    held.release();
    const set = held.call ? this.byCall.get(held.call) : undefined;
    set?.delete(endpoint);
    if (held.call && set?.size === 0) this.finish(held.call);
    if (notify) this.onGone(endpoint);
  }

  /** The call's last endpoint went: its remaining legs are told and the record is forgotten. */
  private finish(call: CallRecord): void {
    this.byCall.delete(call);
    this.farEnds.delete(call);
    if (call.status === 'completed') return;
    call.status = 'completed';
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    for (const leg of legsOfCall(call)) {
      if (leg.state === 'ended') this.registry.forgetLeg(leg);
      else this.ending.retireLeg(leg, leg.state === 'answered' || leg.role === 'caller' ? 'hangup' : 'cancel');
    }
    call.serverPeer = null;
    call.mediaPath?.close();
    call.mediaPath = null;
    this.registry.forgetCall(call);
  }
}

/** The open server peer whose current local description is `sdp`: the one a number's code answered a Device with. */
function peerAnswering(sdp: string): ServerPeer | undefined {
  if (!sdp) return undefined;
  return openServerPeers().find((peer) => !peer.isClosed && localSdpOf(peer) === sdp);
}

function localSdpOf(peer: ServerPeer): string | null {
  try {
    return peer.localDescription;
  } catch {
    return null; // not negotiated yet
  }
}
