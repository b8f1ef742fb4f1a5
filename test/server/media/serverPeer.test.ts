import { ServerPeer, openServerPeerCount } from '../../../server/media/serverPeer';
import { startEcho } from '../../../server/media/echo';
import { Impairment } from '../../../server/media/impairment';
import { PcmuPlayer } from '../../../server/media/player';
import { decodeMulaw } from '../../../server/media/g711';
import { renderTones, rms } from '../../../server/media/tones';
import { LoopbackClient, waitFor } from '../support/loopbackClient';

jest.setTimeout(20_000);

async function connect(client: LoopbackClient, prefer?: 'opus' | 'pcmu'): Promise<ServerPeer> {
  const { peer, answerSdp } = await ServerPeer.answer(await client.createOffer(), prefer ? { prefer } : {});
  await client.acceptAnswer(answerSdp);
  await Promise.all([client.connected(), peer.connected()]);
  return peer;
}

describe('ServerPeer (werift) against a werift client on loopback', () => {
  let client: LoopbackClient;
  let peer: ServerPeer | undefined;
  afterEach(async () => {
    await peer?.close();
    peer = undefined;
    await client.close();
    expect(openServerPeerCount()).toBe(0);
  });

  it('answers at once with complete SDP (loopback host candidate, no STUN)', async () => {
    client = new LoopbackClient();
    const answered = await ServerPeer.answer(await client.createOffer());
    peer = answered.peer;
    expect(answered.answerSdp).toMatch(/a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 \d+ typ host/);
    expect(answered.answerSdp).not.toMatch(/typ srflx|typ relay/);
    expect(answered.answerSdp).toMatch(/a=rtpmap:\d+ telephone-event\/8000/);
  });

  it('puts the preferred codec first and the client sends with it', async () => {
    client = new LoopbackClient();
    peer = await connect(client, 'pcmu');
    expect(peer.sendCodec?.mimeType).toBe('audio/PCMU');
    expect(client.sendCodec).toBe('audio/PCMU');
  });

  it('echoes received packets back untouched', async () => {
    client = new LoopbackClient();
    peer = await connect(client, 'opus');
    const stop = startEcho(peer);
    for (let i = 0; i < 50; i++) client.sendFrame(Buffer.from(`frame-${i}`));
    await waitFor(() => client.received.length >= 48);
    stop();
    const payloads = new Set(client.received.map((p) => p.payload.toString()));
    expect(payloads.has('frame-0') || payloads.has('frame-1')).toBe(true);
    expect(payloads.has('frame-49')).toBe(true);
    expect(client.received.every((p) => p.payloadType === 111)).toBe(true);
  });

  it('plays generated PCMU audio that decodes back to the tone', async () => {
    client = new LoopbackClient({ pcmuFirst: true });
    peer = await connect(client, 'pcmu');
    const player = new PcmuPlayer(peer);
    player.start();
    const tone = renderTones([{ frequencies: [440], durationMs: 400 }], 0.4);
    await player.play(tone);
    player.stop();
    await waitFor(() => client.received.length >= 20);
    const loud = client.received.map((p) => rms(decodeMulaw(p.payload))).filter((level) => level > 1000);
    expect(loud.length).toBeGreaterThanOrEqual(15);
    for (const level of loud) expect(level / rms(tone)).toBeCloseTo(1, 1);
  });

  it('detects RFC 4733 digits once per key press', async () => {
    client = new LoopbackClient();
    peer = await connect(client);
    const digits: string[] = [];
    peer.onDigit((key) => digits.push(key));
    for (const key of '15#') await client.sendDigit(key);
    await waitFor(() => digits.length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(digits.join('')).toBe('15#');
  });

  it('drops roughly the configured share of echoed packets under impairment', async () => {
    client = new LoopbackClient();
    peer = await connect(client, 'opus');
    const impairment = new Impairment({ lossRate: 0.3, jitterMs: 40, windowMs: Infinity });
    impairment.start();
    const stop = startEcho(peer, impairment);
    for (let i = 0; i < 400; i++) {
      client.sendFrame(Buffer.from(`p${i}`));
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => impairment.stats.dropped + impairment.stats.delayed + impairment.stats.passed >= 390);
    await new Promise((r) => setTimeout(r, 150));
    stop();
    impairment.dispose();
    const share = 1 - client.received.length / 400;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });

  it('offers for a server-originated call and takes the answer', async () => {
    client = new LoopbackClient();
    const offered = await ServerPeer.offer();
    peer = offered.peer;
    expect(offered.offerSdp).toMatch(/a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1/);
    await peer.acceptAnswer(await client.answer(offered.offerSdp));
    await Promise.all([client.connected(), peer.connected()]);
    const stop = startEcho(peer);
    for (let i = 0; i < 10; i++) client.sendFrame(Buffer.from([i]));
    await waitFor(() => client.received.length >= 8);
    stop();
  });

  it('refuses an offer without audio and leaves no peer behind', async () => {
    client = new LoopbackClient();
    await expect(ServerPeer.answer('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n')).rejects.toThrow();
    expect(openServerPeerCount()).toBe(0);
  });

  it('close() wakes connected() waiters and is idempotent', async () => {
    client = new LoopbackClient();
    const answered = await ServerPeer.answer(await client.createOffer());
    const waiting = answered.peer.connected();
    await answered.peer.close();
    await answered.peer.close();
    await expect(waiting).resolves.toBe(false);
    expect(answered.peer.isClosed).toBe(true);
  });
});
