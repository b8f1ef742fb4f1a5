import { CandidateMediaPath } from '../../../server/gateway/candidateMediaPath';
import type { TokenVerifier } from '../../../server/gateway/gatewayTypes';

const OFFER = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n';
const ANSWER = OFFER.replace('o=- 1 1', 'o=- 2 2');

const legs = new Map([
  ['CAcaller', { sid: 'CAcaller', identity: 'alice' }],
  ['TJcaller', { sid: 'CAcaller', identity: 'alice' }],
  ['CAcallee', { sid: 'CAcallee', identity: 'bob' }],
]);
const lookup = { legById: (id: string) => legs.get(id) };
// Tokens in these tests are the identity they stand for.
const verifyToken: TokenVerifier = async (token) => ({ ok: true, identity: token, expiresAt: Date.now() + 60_000 });

function candidateEvent(callId: string, ip: string) {
  return {
    group: 'ice-candidate',
    name: 'ice-candidate',
    payload: {
      temp_call_sid: callId,
      ip,
      port: 50_000,
      priority: 2_122_260_223,
      protocol: 'udp',
      candidate_type: 'host',
    },
  };
}

describe('CandidateMediaPath', () => {
  let path: CandidateMediaPath;
  beforeEach(() => {
    path = new CandidateMediaPath(lookup, verifyToken, 50);
  });
  afterEach(() => path.close());

  test('an offer gets the caller candidates, and then the answer is relayed as the Device sent it', async () => {
    await path.ingestInsights('alice', candidateEvent('TJcaller', '192.168.1.10'));
    const call = path.forCall();
    const offer = await call.prepareOffer('CAcaller', OFFER);
    expect(offer).toContain('a=candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host');
    await path.ingestInsights('bob', candidateEvent('CAcallee', '192.168.1.20'));
    expect(await call.prepareAnswer('CAcallee', ANSWER)).toBe(ANSWER);
  });

  test('when the offer carried no candidates, the answer gets the answering Device candidates', async () => {
    const call = path.forCall();
    expect(await call.prepareOffer('CAcaller', OFFER)).toBe(OFFER);
    const answer = call.prepareAnswer('CAcallee', ANSWER);
    await path.ingestInsights('bob', candidateEvent('CAcallee', '192.168.1.20'));
    expect(await answer).toContain('192.168.1.20 50000 typ host');
  });

  test('candidates reported with another identity token, or for unknown calls, are ignored', async () => {
    await path.ingestInsights('mallory', candidateEvent('CAcallee', '10.0.0.66'));
    await path.ingestInsights('bob', candidateEvent('CAunknown', '10.0.0.67'));
    await path.ingestInsights(undefined, candidateEvent('CAcallee', '10.0.0.68'));
    const call = path.forCall();
    await call.prepareOffer('CAcaller', OFFER);
    expect(await call.prepareAnswer('CAcallee', ANSWER)).toBe(ANSWER);
  });
});
