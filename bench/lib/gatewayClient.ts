/**
 * Scripted clients of the local gateway speaking the Voice SDK's signaling protocol (PStream 1.6 frames over
 * wss://localhost/signal: listen → connected, register → ready, invite/answer/hangup), with real access tokens
 * signed by the twilio package with the gateway's secret. Plus the gateway process they talk to.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import twilio from 'twilio';
import WebSocket from 'ws';
import type { LoopHealth } from './loopHealth';

const PSTREAM_VERSION = '1.6';

export interface GatewayProcess {
  origin: string;
  secret: string;
  stats(): Promise<GatewayStats>;
  close(): Promise<void>;
}

export interface GatewayStats {
  cpuMs: number;
  rssMb: number;
  heapMb: number;
  registered: number;
  /** The gateway's event loop and GC since the previous `stats` call. */
  health: LoopHealth;
}

/** Starts bench/lib/gatewayProcess.ts pinned to CPU `core` (taskset), so the gateway has exactly one core. */
export async function startGatewayProcess(opts: { core: number }): Promise<GatewayProcess> {
  const secret = randomBytes(24).toString('hex');
  const script = path.join(__dirname, 'gatewayProcess.ts');
  const child: ChildProcessWithoutNullStreams = spawn(
    'taskset',
    ['-c', String(opts.core), process.execPath, '--import', 'tsx', script],
    {
      env: { ...process.env, BENCH_SECRET: secret },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[gateway] ${chunk.toString()}`));
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('gateway process did not answer within 30 s')), 30_000);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { origin } = JSON.parse(await nextLine()) as { origin: string };
  return {
    origin,
    secret,
    stats: async () => {
      child.stdin.write('stats\n');
      return JSON.parse(await nextLine()) as GatewayStats;
    },
    close: async () => {
      child.stdin.end();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export interface ProbeRun {
  samples: Array<{ connect: number; register: number }>;
  /** The probe process's own event loop and GC over the run. */
  health: LoopHealth;
  /** Closes the probe's connections and ends its process. */
  close(): Promise<void>;
}

/** Registers one Device per token, one at a time, from bench/lib/probeProcess.ts pinned to CPU `core`. */
export async function probeInOwnProcess(origin: string, tokens: readonly string[], core: number): Promise<ProbeRun> {
  const script = path.join(__dirname, 'probeProcess.ts');
  const child = spawn('taskset', ['-c', String(core), process.execPath, '--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const result = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`probe process exited with ${code}`)));
  });
  child.stdin.write(`${JSON.stringify({ origin, tokens })}\n`);
  const { samples, health } = JSON.parse(await result) as Omit<ProbeRun, 'close'>;
  return {
    samples,
    health,
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** An access token with a Voice grant, signed like the server's /token endpoint signs them. */
export function mintToken(identity: string, secret: string, ttlSeconds = 3600): string {
  const token = new twilio.jwt.AccessToken('AC' + '0'.repeat(32), 'SK' + '0'.repeat(32), secret, {
    identity,
    ttl: ttlSeconds,
  });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return token.toJwt('HS256');
}

export interface Frame {
  type: string;
  payload: Record<string, unknown>;
}

/** One scripted Device: a signaling socket with frame waiters. */
export class SignalClient {
  private readonly waiters: Array<{ match: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  /** Called for every frame no waiter took. */
  onFrame: (frame: Frame) => void = () => undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData) => {
      const text = data.toString();
      if (text === '\n') return; // heartbeat
      const frame = JSON.parse(text) as Frame;
      const i = this.waiters.findIndex((w) => w.match(frame));
      if (i >= 0) {
        const [waiter] = this.waiters.splice(i, 1);
        waiter?.resolve(frame);
      } else {
        this.onFrame(frame);
      }
    });
  }

  static connect(origin: string): Promise<SignalClient> {
    const ws = new WebSocket(`${origin.replace(/^https/, 'wss')}/signal`, {
      rejectUnauthorized: false,
      perMessageDeflate: false,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new SignalClient(ws)));
      ws.once('error', reject);
    });
  }

  send(type: string, payload: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ type, version: PSTREAM_VERSION, payload }));
  }

  /** Resolves with the next frame of `type` (and matching `match`); rejects after `timeoutMs`. */
  next(type: string, match: (f: Frame) => boolean = () => true, timeoutMs = 30_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.findIndex((w) => w.resolve === done);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`no "${type}" frame within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (frame: Frame): void => {
        clearTimeout(timer);
        if (frame.type === 'error') reject(new Error(`gateway error: ${JSON.stringify(frame.payload)}`));
        else resolve(frame);
      };
      this.waiters.push({ match: (f) => (f.type === type && match(f)) || f.type === 'error', resolve: done });
    });
  }

  /** listen (token) → connected, register → ready. */
  async register(token: string): Promise<void> {
    const connected = this.next('connected');
    this.send('listen', { token, browserinfo: {}, reconnect: null });
    await connected;
    const ready = this.next('ready');
    this.send('register', { media: { audio: true } });
    await ready;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function withConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
