import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { emptyNumberPlan, type NumberPlan, type ServerMediaFactory } from './numberPlan.js';
import type {
  CallInfo,
  GatewayOptions,
  PlaceCallRequest,
  ReceivedMessageInfo,
  RegistrationInfo,
} from './gatewayTypes.js';
import { SessionDirectory } from './sessionDirectory.js';
import { SessionProtocol } from './sessionProtocol.js';
import { SignallingServer } from './signallingServer.js';
import { CallRegistry } from './callRegistry.js';
import { CallEnding } from './callEnding.js';
import { BridgeMediaPath } from './bridgeMediaPath.js';
import { NumberRouting } from './numberRouting.js';
import { CallRouter } from './callRouter.js';
import { InCallRelay } from './inCallRelay.js';
import { ReconnectGrace } from './reconnectGrace.js';
import { CallFrameDispatch } from './callFrameDispatch.js';
import { ServerOriginatedCalls } from './serverOriginatedCalls.js';
import { GatewayControl } from './gatewayControl.js';
import { DEFAULT_IDENTITY_LIMITS, IdentityLimits } from './limits.js';
import { LimitsInviteGate } from './limitsInviteGate.js';
import { LineBook } from './lines.js';
import { LineEndpoints } from './lineEndpoints.js';
import { DEFAULT_PARKING, LineLifecycle } from './lineLifecycle.js';
import { PartyDialer } from './partyDialer.js';
import { LocalCallControl } from './callControlLocal.js';
import { callLegs, type CallLegs } from './callLegs.js';
import { cachingTokenVerifier } from './tokenCache.js';

export type {
  TokenVerifier,
  GatewayOptions,
  RegistrationInfo,
  CallLegInfo,
  CallInfo,
  PlaceCallRequest,
  ReceivedMessageInfo,
} from './gatewayTypes.js';

/**
 * The local voice gateway: speaks the Voice SDK's PStream protocol on `wss://HOST/signal`, authenticates tokens,
 * keeps registrations and connects calls: every Device leg ends on a server media peer, a call between Devices is a
 * bridge of two legs (bridgeMediaPath.ts), and numbers are played by pluggable number handlers. This class only wires its collaborators together and exposes their public surface.
 */
export class Gateway {
  private readonly signalling: SignallingServer;
  private readonly mediaPath: BridgeMediaPath;
  private readonly numbers: NumberRouting;
  private readonly serverCalls: ServerOriginatedCalls;
  private readonly control: GatewayControl;
  private readonly limits: IdentityLimits;
  private readonly grace: ReconnectGrace;
  private readonly lines = new LineBook();
  private readonly lineLifecycle: LineLifecycle;
  private readonly registry: CallRegistry;
  /** Hold, retrieve, transfer, merge and hangup of lines (the call-control route's backend in local mode). */
  readonly callControl: LocalCallControl;

  constructor(options: GatewayOptions) {
    const log = options.log ?? (() => undefined);
    const directory = new SessionDirectory();
    const registry = new CallRegistry();
    const ending = new CallEnding(registry);
    this.mediaPath = new BridgeMediaPath(options.peer);
    this.numbers = new NumberRouting(options.numberPlan ?? emptyNumberPlan, ending);
    const router = new CallRouter(
      directory,
      registry,
      ending,
      this.mediaPath,
      this.numbers,
      options.ringTimeoutMs ?? 30_000,
    );
    const grace = new ReconnectGrace(registry, ending, options.reconnectGraceMs ?? 30_000, directory);
    this.grace = grace;
    const callFrames = new CallFrameDispatch(registry, router, new InCallRelay(registry), grace, log);
    this.limits = new IdentityLimits(options.limits ?? DEFAULT_IDENTITY_LIMITS, directory, registry);
    const protocol = new SessionProtocol(directory, new LimitsInviteGate(callFrames, this.limits, log), {
      verifyToken: cachingTokenVerifier(options.verifyToken),
      region: options.region ?? 'us1',
      edge: options.edge ?? 'ashburn',
      limits: this.limits,
      log,
    });
    this.signalling = new SignallingServer(
      directory,
      protocol,
      grace,
      options.heartbeatMs ?? 5_000,
      options.listenTimeoutMs ?? 10_000,
    );
    this.serverCalls = new ServerOriginatedCalls(options.serverMedia, directory, registry, ending, router);
    this.control = new GatewayControl(directory, registry, ending, this.serverCalls);
    this.registry = registry;
    const endpoints = new LineEndpoints(registry, ending);
    this.lineLifecycle = new LineLifecycle(this.lines, endpoints, directory, {
      parkedLimitMs: options.parkedLimitMs ?? DEFAULT_PARKING.parkedLimitMs,
      ownerAwayLimitMs: options.reconnectGraceMs ?? DEFAULT_PARKING.ownerAwayLimitMs,
    });
    const dialer = new PartyDialer(registry, router, this.numbers, endpoints, options.peer);
    this.callControl = new LocalCallControl(registry, ending, this.lines, endpoints, this.lineLifecycle, dialer);
  }

  // ---- signalling ---------------------------------------------------------------------------------------------

  /** Handles an HTTP upgrade for `/signal`. Refuses with 503 while signalling is stopped. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.signalling.handleUpgrade(request, socket, head);
  }

  get isSignallingEnabled(): boolean {
    return this.signalling.isEnabled;
  }

  /** Closes every socket and refuses new ones; calls wait out their reconnect grace. */
  stopSignalling(): void {
    this.signalling.stop();
  }

  startSignalling(): void {
    this.signalling.start();
  }

  /** Ends every call, closes every socket and releases all timers. */
  async close(): Promise<void> {
    this.lineLifecycle.close();
    this.control.endAllCalls();
    this.grace.close();
    const closing = this.signalling.close();
    this.mediaPath.close();
    await closing;
  }

  // ---- far ends -----------------------------------------------------------------------------------------------

  setNumberPlan(plan: NumberPlan): void {
    this.numbers.setPlan(plan);
  }

  setServerMedia(factory: ServerMediaFactory | undefined): void {
    this.serverCalls.setServerMedia(factory);
  }

  // ---- control API --------------------------------------------------------------------------------------------

  registrations(): RegistrationInfo[] {
    return this.control.registrations();
  }

  listCalls(): CallInfo[] {
    return this.control.listCalls();
  }

  /**
   * Places a call from the gateway to every registered Device of `to`; needs a server media peer. Refused (429)
   * while `to` is at its limit of calls, so a burst of requests cannot ring one phone many times at once.
   */
  async placeCall(request: PlaceCallRequest): Promise<{ callSid: string }> {
    this.limits.admitServerCall(request.to);
    return this.control.placeCall(request);
  }

  /** Who hears whom on the line or call `callSid` names (`GET /control/calls/:callSid/legs`). */
  callLegs(callSid: string): CallLegs {
    return callLegs(this.lines, this.registry, callSid);
  }

  /** Sends a call message to the Device leg `callSid` (a leg SID, or a call SID whose answered Device leg is meant). */
  sendMessageToCall(
    callSid: string,
    message: { content: unknown; messageType?: string; contentType?: string },
  ): { voiceEventSid: string } {
    return this.control.sendMessageToCall(callSid, message);
  }

  /** The call messages the Devices of `callSid` (a call or leg SID) sent to the server application. */
  receivedMessages(callSid: string): ReceivedMessageInfo[] {
    return this.control.receivedMessages(callSid);
  }

  /** Ends a call from the server side: Devices get `hangup` (answered) or `cancel` (ringing). */
  hangupCall(callSid: string): void {
    this.control.hangupCall(callSid);
  }

  /** Abruptly closes every socket of `identity` (like a network drop). Returns how many were closed. */
  dropDevices(identity: string): number {
    return this.control.dropDevices(identity);
  }

  /** Treats the current token of every socket of `identity` as expired (error 20104; a new `listen` recovers). */
  expireToken(identity: string): number {
    return this.control.expireToken(identity);
  }
}
