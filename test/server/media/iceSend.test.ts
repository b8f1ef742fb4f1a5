import { createSocket, type Socket } from 'node:dgram';
import { lookup as dnsLookup, type LookupOneOptions } from 'node:dns';
import { resolveIpAtOnce } from '../../../server/media/iceSend';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;

async function bound(socket: Socket): Promise<number> {
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return socket.address().port;
}

describe('resolveIpAtOnce (the short cut’s UDP sends skip DNS for IPv4 addresses)', () => {
  it('sends to an IPv4 address without a lookup, and still resolves a host name', async () => {
    const looked: string[] = [];
    // The public `lookup` option: the resolver Node's dgram calls for every send.
    const lookup = (hostname: string, options: LookupOneOptions | number, callback: LookupCallback): void => {
      looked.push(hostname);
      dnsLookup(hostname, options as LookupOneOptions, callback);
    };
    const sender = createSocket({ type: 'udp4', lookup: lookup as never });
    const sink = createSocket('udp4');
    try {
      const [, sinkPort] = await Promise.all([bound(sender), bound(sink)]);
      const received: string[] = [];
      sink.on('message', (data) => received.push(data.toString()));
      looked.length = 0; // bind resolved its address too

      sender.send(Buffer.from('before'), sinkPort, '127.0.0.1');
      resolveIpAtOnce(sender);
      sender.send(Buffer.from('ip'), sinkPort, '127.0.0.1');
      sender.send(Buffer.from('name'), sinkPort, 'localhost');

      const deadline = Date.now() + 5000;
      while (received.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(received.sort()).toEqual(['before', 'ip', 'name']);
      // Before: the IP went through the resolver; after: only the host name does.
      expect(looked).toEqual(['127.0.0.1', 'localhost']);
    } finally {
      sender.close();
      sink.close();
    }
  });
});
