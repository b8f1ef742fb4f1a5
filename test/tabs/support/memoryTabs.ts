/**
 * In-memory stand-ins for what tabs share in a browser: a channel hub that delivers each posted message to every
 * other session (validated like the real channel, asynchronously like BroadcastChannel), and a Web Locks manager
 * with the semantics the election relies on (FIFO queue, ifAvailable, steal, abort signals, query).
 */
import { BUS_VERSION } from '../../../src/contract/busEvents';
import type { LockManagerLike } from '../../../src/tabs/leaderElection';
import { TabMessageSchema, type TabChannel, type TabMessage } from '../../../src/tabs/protocol';

export class ChannelHub {
  private readonly members = new Set<{ session: string; deliver: (data: unknown) => void }>();
  /** Every message posted, as it went over the wire. */
  readonly posted: unknown[] = [];

  open(session: string): TabChannel {
    const handlers = new Set<(message: TabMessage) => void>();
    const member = {
      session,
      deliver: (data: unknown) => {
        const parsed = TabMessageSchema.safeParse(data);
        if (!parsed.success || parsed.data.from === session) return;
        for (const handler of [...handlers]) handler(parsed.data);
      },
    };
    this.members.add(member);
    return {
      session,
      post: (message) => {
        const data = structuredCloneish({ ...message, v: BUS_VERSION, from: session });
        this.posted.push(data);
        for (const other of this.members) if (other !== member) queueMicrotask(() => other.deliver(data));
      },
      listen: (handler) => {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
      close: () => {
        this.members.delete(member);
        handlers.clear();
      },
    };
  }
}

/** JSON round trip keeps `undefined` in arrays as null; a structured clone keeps it: emulate the clone. */
function structuredCloneish<T>(value: T): T {
  return typeof structuredClone === 'function' ? structuredClone(value) : value;
}

interface Request {
  name: string;
  callback: (lock: unknown) => Promise<unknown> | unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class MemoryLocks implements LockManagerLike {
  private readonly held = new Map<string, Request>();
  private readonly queue: Request[] = [];

  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request: Request = { name, callback, resolve, reject };
      if (options.steal) {
        const previous = this.held.get(name);
        this.held.delete(name);
        previous?.reject(new DOMException('stolen', 'AbortError'));
        this.grant(request);
      } else if (!this.held.has(name)) this.grant(request);
      else if (options.ifAvailable) void Promise.resolve(callback(null)).then(resolve, reject);
      else {
        this.queue.push(request);
        options.signal?.addEventListener('abort', () => {
          const index = this.queue.indexOf(request);
          if (index >= 0) this.queue.splice(index, 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
      }
    });
  }

  async query() {
    return {
      held: [...this.held.keys()].map((name) => ({ name })),
      pending: this.queue.map((r) => ({ name: r.name })),
    };
  }

  private grant(request: Request): void {
    this.held.set(request.name, request);
    void Promise.resolve()
      .then(() => request.callback({ name: request.name }))
      .then(
        (value) => this.release(request, () => request.resolve(value)),
        (error: unknown) => this.release(request, () => request.reject(error)),
      );
  }

  private release(request: Request, settle: () => void): void {
    settle();
    if (this.held.get(request.name) !== request) return; // stolen: the thief holds it now
    this.held.delete(request.name);
    const index = this.queue.findIndex((r) => r.name === request.name);
    if (index >= 0) this.grant(this.queue.splice(index, 1)[0]!);
  }
}
