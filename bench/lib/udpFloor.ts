/**
 * The floor under a bridged call's media cost: bare loopback UDP relaying at the calls' packet rate. A child process
 * plays the browsers: one socket per 20 ms stream sends 120-byte datagrams (streams on their own timers, as Devices
 * are), a sink counts what comes back. This process relays each datagram to the sink, as the gateway forwards RTP
 * between two legs. This process's CPU over the run, minus the same time idle, per relayed datagram (one receive and
 * one send, each waking another process as the gateway's do): no crypto, no RTP, no WebRTC.
 */
import { fork } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';

const FRAME_MS = 20;

/** The child's part (run with `--floor-child RELAY_PORT STREAMS`): the senders and the sink. */
async function runFloorChild(relayPort: number, streams: number): Promise<void> {
  const sink = createSocket('udp4');
  await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', () => resolve()));
  let received = 0;
  sink.on('message', () => (received += 1));
  const packet = Buffer.alloc(120, 0x5a);
  const senders: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  process.send?.({ sinkPort: sink.address().port });
  process.on('message', (message: { start?: boolean; stop?: boolean }) => {
    if (message.start)
      for (let i = 0; i < streams; i++) {
        const sender = createSocket('udp4');
        senders.push(sender);
        const phase = setTimeout(() => {
          timers.push(setInterval(() => sender.send(packet, relayPort, '127.0.0.1'), FRAME_MS));
        }, Math.random() * FRAME_MS);
        timers.push(phase);
      }
    if (message.stop) {
      for (const timer of timers) clearInterval(timer);
      process.send?.({ received });
      setTimeout(() => process.exit(0), 50);
    }
  });
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** µs of this process's CPU per relayed datagram at about `packetsPerSecond`, over `ms`, idle subtracted. */
export async function udpRelayFloor(
  packetsPerSecond: number,
  ms: number,
): Promise<{ microsPerPacket: number; relayed: number }> {
  const relay = createSocket('udp4');
  await new Promise<void>((resolve) => relay.bind(0, '127.0.0.1', () => resolve()));
  const streams = Math.max(1, Math.round((packetsPerSecond * FRAME_MS) / 1000));
  const child = fork(__filename, ['--floor-child', String(relay.address().port), String(streams)], {
    execArgv: process.execArgv,
  });
  try {
    const sinkPort = await new Promise<number>((resolve) =>
      child.once('message', (m: { sinkPort: number }) => resolve(m.sinkPort)),
    );
    let relayed = 0;
    relay.on('message', (data) => {
      relayed += 1;
      relay.send(data, sinkPort, '127.0.0.1');
    });
    const idleStart = process.cpuUsage();
    await sleep(ms);
    const idle = cpuMs(idleStart);
    child.send({ start: true });
    await sleep(FRAME_MS * 2);
    const busyStart = process.cpuUsage();
    const relayedBefore = relayed;
    await sleep(ms);
    const busy = cpuMs(busyStart);
    const count = relayed - relayedBefore;
    child.send({ stop: true });
    return { microsPerPacket: count > 0 ? (1000 * (busy - idle)) / count : Number.NaN, relayed: count };
  } finally {
    relay.close();
    if (child.exitCode === null) child.kill();
  }
}

const childAt = process.argv.indexOf('--floor-child');
if (childAt >= 0) void runFloorChild(Number(process.argv[childAt + 1]), Number(process.argv[childAt + 2]));
