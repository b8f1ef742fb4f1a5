import { makeSid } from './sids.js';
import { GatewayError } from './errors.js';
import type { ServerMediaFactory } from './numberPlan.js';
import type { SessionDirectory } from './sessionDirectory.js';
import type { CallRegistry } from './callRegistry.js';
import type { CallEnding } from './callEnding.js';
import type { CallRouter } from './callRouter.js';
import type { PlaceCallRequest } from './gatewayTypes.js';
import { CLIENT_PREFIX, clientIdentityOf } from './addressing.js';
import { callMessageOf, deliverMessage } from './legSignals.js';

const notRegistered = (identity: string) =>
  new GatewayError('not_registered', `No registered Device for "${identity}"`, 404);

/** Calls the gateway places itself (control API): a server media peer is the caller, Devices of `to` ring. */
export class ServerOriginatedCalls {
  constructor(
    private serverMedia: ServerMediaFactory | undefined,
    private readonly directory: SessionDirectory,
    private readonly registry: CallRegistry,
    private readonly ending: CallEnding,
    private readonly router: CallRouter,
  ) {}

  setServerMedia(factory: ServerMediaFactory | undefined): void {
    this.serverMedia = factory;
  }

  /** Places a call from the gateway to every registered Device of `to`; needs a server media peer. */
  async place(request: PlaceCallRequest): Promise<{ callSid: string }> {
    const identity = clientIdentityOf(request.to);
    if (!identity) throw new GatewayError('invalid_target', `"${request.to}" is not a client identity`, 400);
    if (this.directory.reachable(identity).length === 0) throw notRegistered(identity);
    const factory = this.serverMedia;
    if (!factory) {
      throw new GatewayError(
        'no_media_peer',
        'Server-originated calls need a server media peer to send and receive audio, and none is configured ' +
          '(Gateway.setServerMedia). Call the identity from another Device instead.',
        501,
      );
    }
    const call = this.registry.newCall(
      makeSid('CA'),
      request.from ?? 'client:switchboard',
      `${CLIENT_PREFIX}${identity}`,
      request.params ?? {},
    );
    const peer = await factory({
      callSid: call.sid,
      from: call.from,
      to: call.to,
      params: call.params,
      sendMessage: (message) => {
        const leg = call.answered;
        if (leg) deliverMessage(leg, callMessageOf(message));
      },
      hangup: () => (call.farEndHungUp ? call.farEndHungUp() : this.ending.endCall(call, null)),
    });
    if (call.status === 'completed') {
      peer.onEnd?.();
      throw new GatewayError('unknown_call', 'The call ended while its media peer was starting', 409);
    }
    call.serverPeer = peer;
    if (!this.router.ringIdentity(call, identity, peer.offerSdp)) {
      this.ending.endCall(call, null);
      throw notRegistered(identity);
    }
    return { callSid: call.sid };
  }
}
