import https from 'node:https';
import WebSocket from 'ws';
import { startServer, type RunningServer, type ServerOptions } from '../../../server/index';

export const SECRET = 'test-signing-secret-0123456789abcdef';

export function start(opts: ServerOptions = {}): Promise<RunningServer> {
  return startServer({ port: 0, quiet: true, signingSecret: SECRET, env: {}, staticDir: __dirname, ...opts });
}

export interface Frame {
  type: string;
  payload: Record<string, unknown>;
}

/** A scripted PStream client: sends frames like the SDK and waits for typed replies. */
export class ScriptedClient {
  readonly frames: Frame[] = [];
  private waiters: Array<{ match: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = String(data);
      if (text === '\n') return;
      const frame = JSON.parse(text) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
  }

  static async connect(server: RunningServer, path = '/signal'): Promise<ScriptedClient> {
    const ws = new WebSocket(`wss://localhost:${server.port}${path}`, { rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new ScriptedClient(ws);
  }

  send(type: string, payload: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ type, version: '1.6', payload }));
  }

  next(type: string, where: (p: Record<string, unknown>) => boolean = () => true, timeoutMs = 3000): Promise<Frame> {
    const seen = this.frames.find((f) => f.type === type && where(f.payload));
    if (seen) {
      this.frames.splice(this.frames.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`timed out waiting for "${type}"; got ${JSON.stringify(this.frames.map((f) => f.type))}`)),
        timeoutMs,
      );
      this.waiters.push({
        match: (f) => f.type === type && where(f.payload),
        resolve: (f) => {
          clearTimeout(timer);
          this.frames.splice(this.frames.indexOf(f), 1);
          resolve(f);
        },
      });
    });
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

// JSON bodies are asserted structurally by the tests, so they are loosely typed here.
export async function getJson(
  server: RunningServer,
  path: string,
  init: { method?: string; body?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const res = await fetchInsecure(`${server.origin}${path}`, init);
  return {
    status: res.status,
    body: res.headers.get('content-type')?.includes('json') ? JSON.parse(res.text) : res.text,
  };
}

export function fetchInsecure(
  url: string,
  init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Map<string, string>; text: string; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: init.method ?? 'GET',
        rejectUnauthorized: false,
        agent: false,
        headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const headers = new Map(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
          resolve({
            status: res.statusCode ?? 0,
            headers: { get: (k: string) => headers.get(k.toLowerCase()) } as unknown as Map<string, string>,
            text: raw.toString('utf8'),
            raw,
          });
        });
      },
    );
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}
