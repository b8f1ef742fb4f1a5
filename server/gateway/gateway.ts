import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { makeSid } from './sids.js';
import { GatewayError, TwilioCode, signalingError, type SignalingError } from './errors.js';
import { MAX_FRAME_BYTES, MAX_MESSAGE_CONTENT_BYTES, parseFrame, type InboundFrame } from './frames.js';
import { SignalingSession } from './session.js';
import {
  emptyNumberPlan,
  type CallMessage,
  type NumberCallHandler,
  type NumberPlan,
  type ServerMediaFactory,
  type ServerMediaPeer,
} from './number-plan.js';
import type { TokenCheck } from '../tokens/verify.js';
import { CandidateHarvest, callIdOf, candidateFrom, injectCandidates, insightsEventSchema } from './candidates.js';

export type TokenVerifier = (token: string) => Promise<TokenCheck>;

export interface GatewayOptions {
  verifyToken: TokenVerifier;
  numberPlan?: NumberPlan;
  serverMedia?: ServerMediaFactory;
  /** How long an unanswered call rings before the caller gets "no answer" (Twilio's Dial timeout is 30 s). */
  ringTimeoutMs?: number;
  /** How long an answered call survives a dropped signaling socket waiting for the SDK to reconnect. */
  reconnectGraceMs?: number;
  heartbeatMs?: number;
  /** How long a relayed answer waits for the answering Device's ICE candidates (see candidates.ts). */
  candidateWaitMs?: number;
  /** Region/edge reported in `connected` (Device.edge). */
  edge?: string;
  log?: (line: string) => void;
}

/** One Device's side of a call: what the SDK knows as a Call with `parameters.CallSid === sid`. */
interface ClientLeg {
  readonly sid: string;
  readonly identity: string;
  readonly role: 'caller' | 'callee';
  readonly call: CallRecord;
  /** The SDK's temporary `TJ…` id for an outgoing call (hangups before `ringing` use it). */
  readonly tempSid: string | null;
  session: SignalingSession | null;
  readonly reconnectToken: string;
  /** SDP this leg received from the far end; replayed in `answer` after a signaling reconnect. */
  remoteSdp: string;
  state: 'ringing' | 'answered' | 'ended';
  graceTimer: NodeJS.Timeout | null;
  /** Whether the Device has learned `sid` (from `invite`, `ringing` or `answer`); until then it only knows `tempSid`. */
  sidKnown: boolean;
}

interface CallRecord {
  readonly sid: string;
  readonly from: string;
  readonly to: string;
  readonly params: Record<string, string>;
  readonly createdAt: number;
  answeredAt: number | null;
  status: 'ringing' | 'in-progress' | 'completed';
  /** Originating Device (null when the gateway itself originates the call). */
  caller: ClientLeg | null;
  serverPeer: ServerMediaPeer | null;
  /** Ringing/answered Devices of the dialled identity. */
  callees: ClientLeg[];
  /** Far end for a dialled number. */
  numberHandler: NumberCallHandler | null;
  answered: ClientLeg | null;
  ringTimer: NodeJS.Timeout | null;
  /** The offer the callees got carried the caller's ICE candidates, so the answer needs none. */
  offerHadCandidates: boolean;
}

export interface RegistrationInfo {
  identity: string;
  sessionId: string;
  registered: boolean;
  tokenExpired: boolean;
  tokenExpiresAt: string;
  connectedAt: string;
}

export interface CallLegInfo {
  callSid: string;
  identity: string;
  role: 'caller' | 'callee';
  state: 'ringing' | 'answered' | 'ended';
  connected: boolean;
}

export interface CallInfo {
  callSid: string;
  from: string;
  to: string;
  status: 'ringing' | 'in-progress' | 'completed';
  params: Record<string, string>;
  createdAt: string;
  answeredAt: string | null;
  legs: CallLegInfo[];
}

export interface PlaceCallRequest {
  to: string;
  from?: string;
  params?: Record<string, string>;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const CLIENT_PREFIX = 'client:';

/** Parses the SDK's `twilio.params` query string (custom parameters, including `To`). */
function parseQuery(query: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!query) return out;
  for (const [key, value] of new URLSearchParams(query)) out[key] = value;
  return out;
}

function toQuery(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** `client:bob` or `bob` → `bob`; anything else (numbers, SIP) → null. */
function clientIdentityOf(target: string): string | null {
  const name = target.startsWith(CLIENT_PREFIX) ? target.slice(CLIENT_PREFIX.length) : target;
  return /^[A-Za-z0-9_.@+-]{1,121}$/.test(name) && !E164.test(name) ? name : null;
}

/**
 * The local voice gateway: speaks the Voice SDK's PStream protocol on `wss://HOST/signal`, authenticates tokens,
 * keeps registrations and bridges calls between Devices (SDP relay; media flows browser to browser) or to
 * pluggable number handlers.
 */
export class Gateway {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<SignalingSession>();
  private readonly queues = new Map<SignalingSession, Promise<void>>();
  private readonly calls = new Map<string, CallRecord>();
  /** Client legs by CallSid and by the SDK's temporary outgoing id. */
  private readonly legs = new Map<string, ClientLeg>();
  private readonly hostOf = new Map<SignalingSession, string>();
  private numberPlan: NumberPlan;
  private serverMedia: ServerMediaFactory | undefined;
  private signallingEnabled = true;
  private readonly ringTimeoutMs: number;
  private readonly reconnectGraceMs: number;
  private readonly heartbeatMs: number;
  private readonly candidateWaitMs: number;
  private readonly harvest = new CandidateHarvest();
  private readonly edge: string;
  private readonly log: (line: string) => void;

  constructor(private readonly options: GatewayOptions) {
    this.numberPlan = options.numberPlan ?? emptyNumberPlan;
    this.serverMedia = options.serverMedia;
    this.ringTimeoutMs = options.ringTimeoutMs ?? 30_000;
    this.reconnectGraceMs = options.reconnectGraceMs ?? 30_000;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.candidateWaitMs = options.candidateWaitMs ?? 300;
    this.edge = options.edge ?? 'local';
    this.log = options.log ?? (() => undefined);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  }

  // ---- wiring -------------------------------------------------------------------------------------------------

  /** Handles an HTTP upgrade for `/signal`. Refuses with 503 while signalling is stopped. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!this.signallingEnabled) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws: WebSocket) => this.accept(ws, request.headers.host ?? ''));
  }

  setNumberPlan(plan: NumberPlan): void {
    this.numberPlan = plan;
  }

  setServerMedia(factory: ServerMediaFactory | undefined): void {
    this.serverMedia = factory;
  }

  get isSignallingEnabled(): boolean {
    return this.signallingEnabled;
  }

  /** Closes every socket and refuses new ones; calls wait out their reconnect grace. */
  stopSignalling(): void {
    this.signallingEnabled = false;
    for (const session of this.sessions) session.terminate();
  }

  startSignalling(): void {
    this.signallingEnabled = true;
  }

  /** Ends every call, closes every socket and releases all timers. */
  async close(): Promise<void> {
    this.signallingEnabled = false;
    for (const call of [...this.calls.values()]) this.endCall(call, null);
    for (const session of this.sessions) session.terminate();
    this.harvest.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ---- control API ----------------------------------------------------------------------------------------

  registrations(): RegistrationInfo[] {
    return [...this.sessions]
      .filter((s) => s.identity !== null)
      .map((s) => ({
        identity: s.identity ?? '',
        sessionId: s.id,
        registered: s.registered,
        tokenExpired: s.expired,
        tokenExpiresAt: new Date(s.expiresAt).toISOString(),
        connectedAt: new Date(s.connectedAt).toISOString(),
      }));
  }

  listCalls(): CallInfo[] {
    return [...this.calls.values()].map((call) => ({
      callSid: call.sid,
      from: call.from,
      to: call.to,
      status: call.status,
      params: { ...call.params },
      createdAt: new Date(call.createdAt).toISOString(),
      answeredAt: call.answeredAt === null ? null : new Date(call.answeredAt).toISOString(),
      legs: [...(call.caller ? [call.caller] : []), ...call.callees].map((leg) => ({
        callSid: leg.sid,
        identity: leg.identity,
        role: leg.role,
        state: leg.state,
        connected: leg.session !== null,
      })),
    }));
  }

  /** Places a call from the gateway to every registered Device of `to`; needs a server media peer. */
  async placeCall(request: PlaceCallRequest): Promise<{ callSid: string }> {
    const identity = clientIdentityOf(request.to);
    if (!identity) throw new GatewayError('invalid_target', `"${request.to}" is not a client identity`, 400);
    if (this.reachableSessions(identity).length === 0) {
      throw new GatewayError('not_registered', `No registered Device for "${identity}"`, 404);
    }
    const factory = this.serverMedia;
    if (!factory) {
      throw new GatewayError(
        'no_media_peer',
        'Server-originated calls need a server media peer to send and receive audio, and none is configured ' +
          '(Gateway.setServerMedia). Call the identity from another Device instead.',
        501,
      );
    }
    const call = this.newCall(makeSid('CA'), request.from ?? 'client:switchboard', `${CLIENT_PREFIX}${identity}`, request.params ?? {});
    const peer = await factory({
      callSid: call.sid,
      from: call.from,
      to: call.to,
      params: call.params,
      sendMessage: (message) => {
        const leg = call.answered;
        if (leg) this.deliverMessage(leg, { content: message.content, messageType: message.messageType ?? 'user-defined-message', contentType: message.contentType ?? 'application/json' });
      },
      hangup: () => this.endCall(call, null),
    });
    if (call.status === 'completed') {
      peer.onEnd?.();
      throw new GatewayError('unknown_call', 'The call ended while its media peer was starting', 409);
    }
    call.serverPeer = peer;
    if (!this.ringIdentity(call, identity, peer.offerSdp)) {
      this.endCall(call, null);
      throw new GatewayError('not_registered', `No registered Device for "${identity}"`, 404);
    }
    return { callSid: call.sid };
  }

  /** Sends a call message to the Device leg `callSid` (a leg SID, or a call SID whose answered Device leg is meant). */
  sendMessageToCall(callSid: string, message: { content: unknown; messageType?: string; contentType?: string }): { voiceEventSid: string } {
    const leg = this.resolveDeliverableLeg(callSid);
    if (leg.state !== 'answered') throw new GatewayError('call_not_active', `Call ${callSid} is not in progress`, 409);
    const voiceEventSid = this.deliverMessage(leg, {
      content: message.content,
      messageType: message.messageType ?? 'user-defined-message',
      contentType: message.contentType ?? 'application/json',
    });
    return { voiceEventSid };
  }

  /** Ends a call from the server side: Devices get `hangup` (answered) or `cancel` (ringing). */
  hangupCall(callSid: string): void {
    const call = this.calls.get(callSid) ?? this.legs.get(callSid)?.call;
    if (!call || call.status === 'completed') throw new GatewayError('unknown_call', `No active call ${callSid}`, 404);
    this.endCall(call, null);
  }

  /** Abruptly closes every socket of `identity` (like a network drop). Returns how many were closed. */
  dropDevices(identity: string): number {
    const sessions = [...this.sessions].filter((s) => s.identity === identity);
    if (sessions.length === 0) throw new GatewayError('unknown_identity', `No Device connected as "${identity}"`, 404);
    for (const session of sessions) session.terminate();
    return sessions.length;
  }

  /** Treats the current token of every socket of `identity` as expired (error 20104; a new `listen` recovers). */
  expireToken(identity: string): number {
    const sessions = [...this.sessions].filter((s) => s.identity === identity);
    if (sessions.length === 0) throw new GatewayError('unknown_identity', `No Device connected as "${identity}"`, 404);
    for (const session of sessions) this.expire(session);
    return sessions.length;
  }

  /**
   * Takes one insights event the SDK posted (with its access token) and keeps the ICE candidates and gathering
   * completion of calls in progress. Events for unknown calls or from another identity are ignored.
   */
  async ingestInsights(token: string | undefined, body: unknown): Promise<void> {
    const event = insightsEventSchema.safeParse(body);
    if (!event.success || !event.data.payload || !token) return;
    const { group, name, payload } = event.data;
    const isCandidate = group === 'ice-candidate' && name === 'ice-candidate';
    const isComplete = group === 'ice-gathering-state' && name === 'complete';
    if (!isCandidate && !isComplete) return;
    const callId = callIdOf(payload);
    const leg = callId ? this.legs.get(callId) : undefined;
    if (!leg) return;
    const check = await this.options.verifyToken(token);
    if (!check.ok || check.identity !== leg.identity) return;
    if (isComplete) {
      this.harvest.markComplete(leg.sid);
      return;
    }
    const candidate = candidateFrom(payload);
    if (candidate) this.harvest.add(leg.sid, candidate);
  }

  // ---- sessions ---------------------------------------------------------------------------------------------

  private accept(ws: WebSocket, host: string): void {
    const session = new SignalingSession(
      ws,
      this.heartbeatMs,
      (s, text) => this.enqueue(s, text),
      (s) => this.onSessionClosed(s),
    );
    this.sessions.add(session);
    this.hostOf.set(session, host);
  }

  /** Frames of one socket are handled strictly in order (token checks are async). */
  private enqueue(session: SignalingSession, text: string): void {
    const previous = this.queues.get(session) ?? Promise.resolve();
    const next = previous
      .then(() => this.handleText(session, text))
      .catch((error: unknown) => {
        this.log(`gateway: frame handling failed: ${error instanceof Error ? error.message : String(error)}`);
        session.sendError(signalingError(TwilioCode.ConnectionError, 'Internal gateway error'));
      });
    this.queues.set(session, next);
  }

  private async handleText(session: SignalingSession, text: string): Promise<void> {
    const parsed = parseFrame(text);
    if (!parsed.ok) {
      if (parsed.reason === 'heartbeat') return;
      session.sendError(signalingError(TwilioCode.MalformedRequest, parsed.message), {
        ...(parsed.callsid ? { callsid: parsed.callsid } : {}),
        ...(parsed.voiceeventsid ? { voiceeventsid: parsed.voiceeventsid } : {}),
      });
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'listen') {
      await this.onListen(session, frame.payload.token);
      return;
    }
    if (!session.isAuthorized) {
      const error = session.expired
        ? signalingError(TwilioCode.AccessTokenExpired, 'Access token expired; send a new one with listen')
        : signalingError(TwilioCode.InvalidJwtToken, `"${frame.type}" before a valid access token was accepted`);
      const callsid = 'callsid' in frame.payload ? frame.payload.callsid : undefined;
      session.sendError(error, callsid ? { callsid } : {});
      return;
    }
    this.dispatch(session, frame);
  }

  private dispatch(session: SignalingSession, frame: Exclude<InboundFrame, { type: 'listen' }>): void {
    switch (frame.type) {
      case 'register':
        this.onRegister(session, frame.payload.media);
        return;
      case 'invite':
        if (frame.payload.reconnect) this.onReconnectInvite(session, frame.payload.callsid, frame.payload.reconnect);
        else this.onInvite(session, frame.payload.callsid, frame.payload.sdp, parseQuery(frame.payload.twilio?.params));
        return;
      case 'answer':
        this.withLeg(session, frame.payload.callsid, (leg) => this.onAnswer(leg, frame.payload.sdp));
        return;
      case 'reject':
        this.ifLeg(session, frame.payload.callsid, (leg) => this.onReject(leg));
        return;
      case 'hangup':
      case 'cancel': {
        const callsid = frame.payload.callsid;
        if (callsid) this.ifLeg(session, callsid, (leg) => this.onHangup(leg));
        else for (const leg of this.legsOf(session)) this.onHangup(leg);
        return;
      }
      case 'dtmf':
        this.withLeg(session, frame.payload.callsid, (leg) => this.onDtmf(leg, frame.payload.dtmf));
        return;
      case 'message':
        this.onMessage(session, frame.payload);
        return;
      case 'reinvite':
        // ICE restart needs the far end to re-answer; Devices cannot be asked to, so the restart is left to time out.
        this.log(`gateway: ignoring reinvite for ${frame.payload.callsid}`);
        return;
    }
  }

  private async onListen(session: SignalingSession, token: string): Promise<void> {
    const check = await this.options.verifyToken(token);
    if (!check.ok) {
      const code = check.reason === 'expired' ? TwilioCode.AccessTokenExpired : TwilioCode.AccessTokenInvalid;
      session.sendError(signalingError(code, check.message));
      return;
    }
    if (session.identity !== null && session.identity !== check.identity) {
      session.sendError(signalingError(TwilioCode.AccessTokenInvalid, 'A new token must carry the same identity as the connection'));
      return;
    }
    const firstListen = session.identity === null;
    session.identity = check.identity;
    session.expiresAt = check.expiresAt;
    session.expired = false;
    session.scheduleExpiry(() => this.expire(session));
    // Like Twilio, only the first listen on a socket is answered; a listen from updateToken() just swaps the token.
    if (!firstListen) return;
    session.send('connected', {
      region: this.edge,
      edge: this.edge,
      home: this.insightsHome(session),
      token: { identity: check.identity, ttl: Math.max(0, Math.floor((check.expiresAt - Date.now()) / 1000)) },
    });
  }

  /**
   * The SDK points its insights publisher at `eventgw.<home>.twilio.com` after `connected`. With the page on
   * `localhost:PORT`, the home `localhost:PORT/insights#` makes that `https://eventgw.localhost:PORT/insights`,
   * which browsers resolve to loopback, so insights stay on this machine. Other hosts get a home that does not
   * parse as a URL host, so the publisher fails locally instead of reaching Twilio.
   */
  private insightsHome(session: SignalingSession): string {
    const host = this.hostOf.get(session) ?? '';
    const hostname = host.replace(/:\d+$/, '');
    return hostname === 'localhost' ? `${host}/insights#` : 'local.invalid:0:0';
  }

  private expire(session: SignalingSession): void {
    if (session.identity === null || session.expired) return;
    session.expired = true;
    session.sendError(signalingError(TwilioCode.AccessTokenExpired, 'Access token expired'));
  }

  private onRegister(session: SignalingSession, media: unknown): void {
    const audio = typeof media === 'object' && media !== null ? (media as { audio?: unknown }).audio : undefined;
    if (audio === false) {
      session.registered = false;
      session.send('offline', {});
      return;
    }
    session.registered = true;
    session.send('ready', {});
  }

  private onSessionClosed(session: SignalingSession): void {
    this.sessions.delete(session);
    this.queues.delete(session);
    this.hostOf.delete(session);
    for (const leg of this.legsOf(session)) {
      leg.session = null;
      const call = leg.call;
      if (call.status === 'completed') continue;
      if (leg.state === 'ringing') {
        // Unanswered legs cannot be resumed by the SDK: a caller gives up, a ringing Device drops out of the group.
        if (leg.role === 'caller') this.endCall(call, leg);
        else this.removeFromRingGroup(leg, signalingError(TwilioCode.TemporarilyUnavailable, `${call.to} is not available`));
        continue;
      }
      leg.graceTimer = setTimeout(() => {
        leg.graceTimer = null;
        if (leg.session === null && call.status !== 'completed') this.endCall(call, leg);
      }, this.reconnectGraceMs);
    }
  }

  // ---- calls ------------------------------------------------------------------------------------------------

  private newCall(sid: string, from: string, to: string, params: Record<string, string>): CallRecord {
    const call: CallRecord = {
      sid, from, to, params, createdAt: Date.now(), answeredAt: null, status: 'ringing',
      caller: null, serverPeer: null, callees: [], numberHandler: null, answered: null, ringTimer: null,
      offerHadCandidates: false,
    };
    this.calls.set(sid, call);
    return call;
  }

  private newLeg(call: CallRecord, role: 'caller' | 'callee', identity: string, session: SignalingSession, sid: string, tempSid: string | null): ClientLeg {
    const leg: ClientLeg = {
      sid, identity, role, call, tempSid, session,
      reconnectToken: makeSid('RT'), remoteSdp: '', state: 'ringing', graceTimer: null,
      // A callee learns its sid from the invite; a caller only from our first `ringing`/`answer`.
      sidKnown: tempSid === null,
    };
    this.legs.set(sid, leg);
    if (tempSid) this.legs.set(tempSid, leg);
    return leg;
  }

  private onInvite(session: SignalingSession, tempSid: string, offerSdp: string, params: Record<string, string>): void {
    const identity = session.identity ?? '';
    const { To: rawTo = '', ...custom } = params;
    const to = rawTo.trim();
    const call = this.newCall(makeSid('CA'), `${CLIENT_PREFIX}${identity}`, to, custom);
    const caller = this.newLeg(call, 'caller', identity, session, call.sid, tempSid);
    call.caller = caller;

    if (E164.test(to)) {
      this.routeToNumber(call, caller, offerSdp);
      return;
    }
    const target = clientIdentityOf(to);
    if (!target) {
      this.failCall(call, signalingError(TwilioCode.NotFound, to ? `"${to}" is not a client identity or E.164 number` : 'The call has no "To" parameter'));
      return;
    }
    if (this.reachableSessions(target).length === 0) {
      this.failCall(call, signalingError(TwilioCode.TemporarilyUnavailable, `client:${target} is not available (no registered Device)`));
      return;
    }
    this.sendRinging(caller);
    // Give the caller's first ICE candidate a moment to arrive so the callee can start connectivity checks.
    void this.harvest.collect(caller.sid, this.candidateWaitMs).then((candidates) => {
      if (call.status !== 'ringing') return;
      call.offerHadCandidates = candidates.length > 0;
      if (!this.ringIdentity(call, target, injectCandidates(offerSdp, candidates))) {
        this.failCall(call, signalingError(TwilioCode.TemporarilyUnavailable, `client:${target} is not available (no registered Device)`));
      }
    });
  }

  /** Sends the invite to every reachable Device of `identity`; false if there is none. */
  private ringIdentity(call: CallRecord, identity: string, offerSdp: string): boolean {
    const targets = this.reachableSessions(identity);
    if (targets.length === 0) return false;
    for (const target of targets) {
      const leg = this.newLeg(call, 'callee', identity, target, makeSid('CA'), null);
      leg.remoteSdp = offerSdp;
      call.callees.push(leg);
      target.send('invite', {
        callsid: leg.sid,
        sdp: offerSdp,
        reconnect: leg.reconnectToken,
        parameters: {
          CallSid: leg.sid,
          AccountSid: 'AC' + '0'.repeat(32),
          From: call.from,
          To: call.to,
          ...(Object.keys(call.params).length > 0 ? { Params: toQuery(call.params) } : {}),
        },
      });
    }
    call.ringTimer = setTimeout(() => {
      call.ringTimer = null;
      if (call.status === 'ringing') this.failCall(call, signalingError(TwilioCode.TemporarilyUnavailable, `${call.to} did not answer`));
    }, this.ringTimeoutMs);
    return true;
  }

  private routeToNumber(call: CallRecord, caller: ClientLeg, offerSdp: string): void {
    const route = this.numberPlan.route(call.to);
    if (!route) {
      this.failCall(call, signalingError(TwilioCode.NotFound, `${call.to} is unreachable from the local gateway`));
      return;
    }
    let ended = false;
    const handler = route({
      callSid: call.sid,
      from: call.from,
      to: call.to,
      params: call.params,
      offerSdp,
      ringing: () => {
        if (call.status === 'ringing') this.sendRinging(caller);
      },
      answer: (answerSdp) => {
        if (call.status !== 'ringing') return;
        call.status = 'in-progress';
        call.answeredAt = Date.now();
        caller.state = 'answered';
        caller.remoteSdp = answerSdp;
        caller.session?.send('answer', { callsid: caller.sid, sdp: answerSdp, reconnect: caller.reconnectToken });
        caller.sidKnown = true;
      },
      hangup: (error) => {
        if (ended || call.status === 'completed') return;
        ended = true;
        call.numberHandler = null; // the handler ended it: do not call its onEnd
        if (error && call.status === 'ringing') this.failCall(call, error);
        else this.endCall(call, null);
      },
      sendMessage: (message) => {
        if (caller.state === 'answered') {
          this.deliverMessage(caller, { content: message.content, messageType: message.messageType ?? 'user-defined-message', contentType: message.contentType ?? 'application/json' });
        }
      },
    });
    if (!ended) call.numberHandler = handler;
  }

  /** A Device resuming a call after a signaling reconnect; its media session never stopped, only the socket moved. */
  private onReconnectInvite(session: SignalingSession, callsid: string, token: string): void {
    const leg = this.legs.get(callsid);
    if (!leg || leg.call.status === 'completed' || leg.reconnectToken !== token || leg.identity !== session.identity) {
      session.send('hangup', { callsid, error: signalingError(TwilioCode.ReconnectAttemptError, 'The call cannot be resumed') });
      return;
    }
    if (leg.graceTimer) clearTimeout(leg.graceTimer);
    leg.graceTimer = null;
    leg.session = session;
    session.send('answer', { callsid: leg.sid, sdp: leg.remoteSdp, reconnect: leg.reconnectToken });
  }

  private onAnswer(leg: ClientLeg, sdp: string): void {
    const call = leg.call;
    if (leg.role !== 'callee' || leg.state !== 'ringing') return;
    if (call.status !== 'ringing') {
      // Lost the race to another Device of the same identity.
      this.retireLeg(leg, 'cancel');
      return;
    }
    call.status = 'in-progress';
    call.answeredAt = Date.now();
    call.answered = leg;
    leg.state = 'answered';
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    for (const other of call.callees) if (other !== leg && other.state === 'ringing') this.retireLeg(other, 'cancel');
    call.callees = [leg];
    const caller = call.caller;
    if (!caller) {
      call.serverPeer?.acceptAnswer(sdp);
      return;
    }
    caller.state = 'answered';
    const candidatesFor = call.offerHadCandidates ? Promise.resolve([]) : this.harvest.collect(leg.sid, this.candidateWaitMs);
    void candidatesFor.then((candidates) => {
      if (call.status !== 'in-progress' || caller.state !== 'answered') return;
      caller.remoteSdp = injectCandidates(sdp, candidates);
      caller.session?.send('answer', { callsid: caller.sid, sdp: caller.remoteSdp, reconnect: caller.reconnectToken });
    });
  }

  private onReject(leg: ClientLeg): void {
    if (leg.role !== 'callee' || leg.state !== 'ringing' || leg.call.status !== 'ringing') return;
    // Declining on one Device declines the call for the identity: the other Devices stop ringing.
    leg.state = 'ended';
    this.failCall(leg.call, signalingError(TwilioCode.BusyHere, `${leg.call.to} declined the call`));
  }

  private onHangup(leg: ClientLeg): void {
    const call = leg.call;
    if (call.status === 'completed' || leg.state === 'ended') return;
    if (leg.role === 'callee' && leg.state === 'ringing') {
      this.onReject(leg);
      return;
    }
    leg.state = 'ended';
    this.endCall(call, leg);
  }

  private onDtmf(leg: ClientLeg, digits: string): void {
    const call = leg.call;
    if (call.status !== 'in-progress') return;
    const far = this.farLegOf(leg);
    if (far) far.session?.send('dtmf', { callsid: far.sid, dtmf: digits });
    else if (leg.role === 'caller') call.numberHandler?.onDtmf?.(digits);
    else call.serverPeer?.onDtmf?.(digits);
  }

  private onMessage(session: SignalingSession, payload: { callsid: string; content: unknown; contenttype?: string; messagetype: string; voiceeventsid: string }): void {
    const { callsid, voiceeventsid } = payload;
    const leg = this.legs.get(callsid);
    if (!leg || leg.session !== session || leg.call.status === 'completed') {
      session.sendError(signalingError(TwilioCode.NotFound, `No active call ${callsid}`), { callsid, voiceeventsid });
      return;
    }
    if (leg.state !== 'answered') {
      session.sendError(signalingError(TwilioCode.MalformedRequest, 'Call messages need an answered call'), { callsid, voiceeventsid });
      return;
    }
    if (Buffer.byteLength(JSON.stringify(payload.content), 'utf8') > MAX_MESSAGE_CONTENT_BYTES) {
      session.sendError(signalingError(TwilioCode.PayloadSizeExceeded, 'Call message content exceeds 10 KB'), { callsid, voiceeventsid });
      return;
    }
    session.send('ack', { acktype: 'message', callsid, voiceeventsid });
    const message: CallMessage = { content: payload.content, messageType: payload.messagetype, contentType: payload.contenttype ?? 'application/json' };
    const far = this.farLegOf(leg);
    if (far) this.deliverMessage(far, message);
    else if (leg.role === 'caller') leg.call.numberHandler?.onMessage?.(message);
    else leg.call.serverPeer?.onMessage?.(message);
  }

  private deliverMessage(leg: ClientLeg, message: CallMessage): string {
    const voiceeventsid = makeSid('KX');
    leg.session?.send('message', {
      callsid: leg.sid,
      content: message.content,
      contenttype: message.contentType,
      messagetype: message.messageType,
      voiceeventsid,
    });
    return voiceeventsid;
  }

  /** Ends a ringing call with an error for the caller (busy, unavailable, not found). */
  private failCall(call: CallRecord, error: SignalingError): void {
    if (call.status === 'completed') return;
    if (call.caller && call.caller.state !== 'ended') {
      call.caller.session?.send('hangup', { callsid: this.sidSeenBy(call.caller), error });
      call.caller.state = 'ended';
    }
    this.endCall(call, call.caller);
  }

  /** Ends the call; every other live leg is told (`hangup` if answered, `cancel` if ringing). */
  private endCall(call: CallRecord, by: ClientLeg | null): void {
    if (call.status === 'completed') return;
    call.status = 'completed';
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    for (const leg of [...(call.caller ? [call.caller] : []), ...call.callees]) {
      if (leg === by || leg.state === 'ended') this.forgetLeg(leg);
      else this.retireLeg(leg, leg.state === 'answered' || leg.role === 'caller' ? 'hangup' : 'cancel');
    }
    const handler = call.numberHandler ?? call.serverPeer;
    call.numberHandler = null;
    call.serverPeer = null;
    handler?.onEnd?.();
    this.calls.delete(call.sid);
  }

  private retireLeg(leg: ClientLeg, how: 'hangup' | 'cancel'): void {
    if (leg.state !== 'ended') leg.session?.send(how, { callsid: this.sidSeenBy(leg) });
    leg.state = 'ended';
    this.forgetLeg(leg);
  }

  private sendRinging(caller: ClientLeg): void {
    caller.session?.send('ringing', { callsid: caller.sid });
    caller.sidKnown = true;
  }

  /** The id the leg's Device knows the call by: the SDK drops a `hangup` whose callsid it has never seen. */
  private sidSeenBy(leg: ClientLeg): string {
    return leg.sidKnown || !leg.tempSid ? leg.sid : leg.tempSid;
  }

  private forgetLeg(leg: ClientLeg): void {
    leg.state = 'ended';
    if (leg.graceTimer) clearTimeout(leg.graceTimer);
    leg.graceTimer = null;
    this.legs.delete(leg.sid);
    if (leg.tempSid) this.legs.delete(leg.tempSid);
  }

  private removeFromRingGroup(leg: ClientLeg, errorIfLast: SignalingError): void {
    const call = leg.call;
    this.forgetLeg(leg);
    call.callees = call.callees.filter((c) => c !== leg);
    if (call.status === 'ringing' && call.callees.length === 0) {
      if (call.caller) this.failCall(call, errorIfLast);
      else this.endCall(call, null);
    }
  }

  // ---- lookups ----------------------------------------------------------------------------------------------

  private reachableSessions(identity: string): SignalingSession[] {
    return [...this.sessions].filter((s) => s.identity === identity && s.registered && s.isAuthorized && s.isOpen);
  }

  private legsOf(session: SignalingSession): ClientLeg[] {
    return [...new Set(this.legs.values())].filter((leg) => leg.session === session);
  }

  /** The Device leg on the other side of `leg`, if the far end is a Device. */
  private farLegOf(leg: ClientLeg): ClientLeg | null {
    return leg.role === 'caller' ? leg.call.answered : leg.call.caller;
  }

  private withLeg(session: SignalingSession, callsid: string, action: (leg: ClientLeg) => void): void {
    const leg = this.legs.get(callsid);
    if (!leg || leg.session !== session) {
      session.sendError(signalingError(TwilioCode.NotFound, `No active call ${callsid} on this connection`), { callsid });
      return;
    }
    action(leg);
  }

  /** For frames that end a call: a call that already ended needs no answer (both sides may hang up at once). */
  private ifLeg(session: SignalingSession, callsid: string, action: (leg: ClientLeg) => void): void {
    const leg = this.legs.get(callsid);
    if (leg && leg.session === session) action(leg);
  }

  private resolveDeliverableLeg(callSid: string): ClientLeg {
    const leg = this.legs.get(callSid);
    if (leg) return leg;
    const call = this.calls.get(callSid);
    if (!call) throw new GatewayError('unknown_call', `No active call ${callSid}`, 404);
    const target = call.answered ?? call.caller;
    if (!target) throw new GatewayError('call_not_active', `Call ${callSid} is not in progress`, 409);
    return target;
  }
}
