/**
 * The real demo stack, started the way `npm start` starts it once dist/ is built: `tsx server/main.ts` in its own
 * process group on an ephemeral port (PORT=0; the server prints the origin it bound). `stop()` ends the whole group
 * (tsx runs the server in a child node process), so no process outlives the suite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assertBuilt, REPO_ROOT } from '../../support/dist';

const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;

export interface Stack {
  /** `https://localhost:<port>` */
  readonly origin: string;
  /** Ends the server's process group: SIGTERM, then SIGKILL if it has not exited within a grace period. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Whether any process of the group is still running. Zombies do not count: an orphan is reaped by PID 1, which in a
 * container may never do it. Reads /proc where it exists (Linux), else asks the kernel with signal 0.
 */
function groupAlive(child: ChildProcess): boolean {
  const pgid = child.pid;
  if (pgid === undefined) return false;
  if (existsSync('/proc/self/stat')) {
    return readdirSync('/proc').some((entry) => {
      if (!/^\d+$/.test(entry)) return false;
      try {
        // "pid (comm) state ppid pgrp ...": comm may contain spaces, so read after the last ')'.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === pgid && state !== 'Z';
      } catch {
        return false; // exited while we looked
      }
    });
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once no process of the group is left; throws if one survives SIGKILL for a second. */
async function groupGone(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 1_000;
  while (groupAlive(child)) {
    if (Date.now() > deadline) throw new Error(`server process group ${String(child.pid)} survived SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves with the origin once the server prints it; rejects if it exits or stays silent too long. */
function originFrom(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`the server printed no origin within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const onData = (): void => {
      const match = /https:\/\/localhost:\d+/.exec(output());
      if (match) finish(() => resolve(match[0]));
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`the server exited (${String(code)}) before listening`));
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    const fail = (error: Error): void => finish(() => reject(new Error(`${error.message}\n${output()}`)));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

export async function startStack(): Promise<Stack> {
  // What `npm start` would build first; the suite runs against the already-built bundles (`npm test` builds them).
  assertBuilt();
  const child = spawn(TSX, ['server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: 'localhost' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() reaches tsx's child too
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async (): Promise<void> => {
    signalGroup(child, 'SIGTERM');
    const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    await exited(child);
    clearTimeout(killer);
    // tsx's child may outlive its parent by a moment; make sure the group is empty.
    signalGroup(child, 'SIGKILL');
    await groupGone(child);
    child.stdout?.off('data', collect);
    child.stderr?.off('data', collect);
  };

  try {
    return { origin: await originFrom(child, () => output), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
