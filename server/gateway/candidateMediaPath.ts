import type { TokenVerifier } from './gatewayTypes.js';
import type { CallMediaPath, MediaPath } from './mediaPath.js';
import { CandidateHarvest, callIdOf, candidateFrom, injectCandidates, insightsEventSchema } from './candidates.js';

/** The Device leg an insights event names (by its CallSid or the SDK's temporary id). */
export interface InsightsLegLookup {
  legById(callId: string): { readonly sid: string; readonly identity: string } | undefined;
}

/**
 * Today's media path: browser to browser, with the ICE candidates each Device reported to insights added to the
 * SDP relayed to the other one (candidates.ts explains why the SDK's own SDP carries none).
 */
export class CandidateMediaPath implements MediaPath {
  private readonly harvest = new CandidateHarvest();

  constructor(
    private readonly legs: InsightsLegLookup,
    private readonly verifyToken: TokenVerifier,
    private readonly candidateWaitMs: number,
  ) {}

  forCall(): CallMediaPath {
    const { harvest, candidateWaitMs } = this;
    // When the offer already carried the caller's candidates, the callee can reach the caller: no need to wait.
    let offerHadCandidates = false;
    return {
      async prepareOffer(callerLegSid, offerSdp) {
        // Give the caller's first ICE candidate a moment to arrive so the callee can start connectivity checks.
        const candidates = await harvest.collect(callerLegSid, candidateWaitMs);
        offerHadCandidates = candidates.length > 0;
        return injectCandidates(offerSdp, candidates);
      },
      async prepareAnswer(answererLegSid, answerSdp) {
        if (offerHadCandidates) return answerSdp;
        return injectCandidates(answerSdp, await harvest.collect(answererLegSid, candidateWaitMs));
      },
    };
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
    const leg = callId ? this.legs.legById(callId) : undefined;
    if (!leg) return;
    const check = await this.verifyToken(token);
    if (!check.ok || check.identity !== leg.identity) return;
    if (isComplete) {
      this.harvest.markComplete(leg.sid);
      return;
    }
    const candidate = candidateFrom(payload);
    if (candidate) this.harvest.add(leg.sid, candidate);
  }

  close(): void {
    this.harvest.clear();
  }
}
