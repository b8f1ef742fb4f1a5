import { CandidateHarvest, candidateFrom, injectCandidates } from '../../../server/gateway/candidates';

const SDP = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=mid:0',
  '',
].join('\r\n');

describe('candidateFrom (insights ice-candidate payloads)', () => {
  test('accepts a local UDP host candidate', () => {
    expect(
      candidateFrom({
        ip: '192.0.2.2',
        port: 50000,
        priority: 2122194687,
        protocol: 'udp',
        candidate_type: 'host',
        is_remote: false,
      }),
    ).toEqual({ ip: '192.0.2.2', port: 50000, priority: 2122194687, type: 'host' });
  });
  test.each([
    { ip: '192.0.2.2', port: 9, priority: 1, protocol: 'tcp', candidate_type: 'host' },
    { ip: '192.0.2.2', port: 5000, priority: 1, protocol: 'udp', candidate_type: 'host', is_remote: true },
    { ip: '1.2.3.4\r\na=evil', port: 5000, priority: 1, protocol: 'udp', candidate_type: 'host' },
    { ip: '192.0.2.2', port: 70000, priority: 1, protocol: 'udp', candidate_type: 'host' },
  ])('rejects %j', (payload) => {
    expect(candidateFrom(payload)).toBeNull();
  });
});

describe('injectCandidates', () => {
  test('appends candidate lines to media sections without candidates, keeping CRLF', () => {
    const out = injectCandidates(SDP, [{ ip: '192.0.2.2', port: 50000, priority: 100, type: 'host' }]);
    expect(out).toBe(SDP + 'a=candidate:1 1 udp 100 192.0.2.2 50000 typ host\r\n');
  });
  test('leaves SDP that already has candidates or gets none unchanged', () => {
    const withCandidate = SDP + 'a=candidate:9 1 udp 1 10.0.0.1 1 typ host\r\n';
    expect(injectCandidates(withCandidate, [{ ip: '192.0.2.2', port: 2, priority: 1, type: 'host' }])).toBe(
      withCandidate,
    );
    expect(injectCandidates(SDP, [])).toBe(SDP);
  });
});

describe('CandidateHarvest', () => {
  test('collect resolves as soon as a candidate arrives, or after the timeout with none', async () => {
    const harvest = new CandidateHarvest();
    const pending = harvest.collect('CA1', 5000);
    harvest.add('CA1', { ip: '192.0.2.2', port: 1, priority: 1, type: 'host' });
    await expect(pending).resolves.toHaveLength(1);
    await expect(harvest.collect('CA2', 10)).resolves.toEqual([]);
    harvest.clear();
  });
});
