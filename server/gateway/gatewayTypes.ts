import type { TokenCheck } from '../tokens/verify.js';
import type { NumberPlan, ServerMediaFactory } from './numberPlan.js';
import type { IdentityLimitsConfig } from './limits.js';
import type { ServerPeerOptions } from '../media/serverPeer.js';

/** Public types of the Gateway (server/index.ts and the HTTP control API re-export or use them). */

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
  /** A parked line (call control: held, its agent leg gone) ends after this long (default 10 minutes). */
  parkedLimitMs?: number;
  /** A signalling socket that sends no valid `listen` within this long is closed (default 10 s). */
  listenTimeoutMs?: number;
  /** Per-identity limits on sockets, concurrent calls and invites per minute (default DEFAULT_IDENTITY_LIMITS). */
  limits?: IdentityLimitsConfig;
  /** Options of the server media peers every Device leg ends on (extra host addresses to offer). */
  peer?: ServerPeerOptions;
  /** Region reported in `connected` (default `us1`). */
  region?: string;
  /** Edge reported in `connected` (Device.edge; default `ashburn`, where Twilio's `roaming` lands in the US). */
  edge?: string;
  log?: (line: string) => void;
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

/** A call message a Device sent to the server application (`GET /control/calls/:callSid/messages`). */
export interface ReceivedMessageInfo {
  callSid: string;
  identity: string;
  content: unknown;
  messageType: string;
  contentType: string;
  voiceEventSid: string;
  at: string;
}
