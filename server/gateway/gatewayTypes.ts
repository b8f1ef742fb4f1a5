import type { TokenCheck } from '../tokens/verify.js';
import type { NumberPlan, ServerMediaFactory } from './numberPlan.js';
import type { IdentityLimitsConfig } from './limits.js';

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
  /** A signalling socket that sends no valid `listen` within this long is closed (default 10 s). */
  listenTimeoutMs?: number;
  /** Per-identity limits on sockets, concurrent calls and invites per minute (default DEFAULT_IDENTITY_LIMITS). */
  limits?: IdentityLimitsConfig;
  /** How long a relayed answer waits for the answering Device's ICE candidates (see candidates.ts). */
  candidateWaitMs?: number;
  /** Region/edge reported in `connected` (Device.edge). */
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
