import { ServerPeer, openServerPeerCount } from '../../server/media/server-peer';
import { LoopbackClient, waitFor } from './media.support';

jest.setTimeout(20_000);

describe('ServerPeer (werift) against a werift client on loopback', () => {
  let client: LoopbackClient;
  let peer: ServerPeer | undefined;
  afterEach(async () => {
    await peer?.close();
    await client.close();
    expect(openServerPeerCount()).toBe(0);
  });

  it('answers an offer with complete SDP (ICE lite, loopback host candidate) and receives audio', async () => {
    client = new LoopbackClient();
    const answered = await ServerPeer.answer(await client.createOffer());
    peer = answered.peer;
    expect(answered.answerSdp).toMatch(/a=ice-lite/);
    expect(answered.answerSdp).toMatch(/a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 \d+ typ host/);
    const got: number[] = [];
    peer.onAudio((p) => got.push(p.sequenceNumber));
    await client.acceptAnswer(answered.answerSdp);
    await client.connected();
    for (let i = 0; i < 20; i++) client.sendFrame(Buffer.alloc(40, i));
    await waitFor(() => got.length >= 15);
    expect(peer.sendCodec?.mimeType).toBe('audio/opus');
  });
});
