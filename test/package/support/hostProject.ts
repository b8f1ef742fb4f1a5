/**
 * The sources of a TypeScript host written from scratch against the installed package: what a platform team
 * would type, using every public entry point a host needs (the parcel for single-spa-react's <Parcel>, the plain
 * `Softphone` component, the typed bus client and the contract types).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const HOST_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    noEmit: true,
    // The package's declarations are checked too: they must stand on the installed packages alone.
    skipLibCheck: false,
    types: [],
  },
  include: ['src'],
};

/** A React host: the softphone through <Parcel>, beside a status line fed by the typed client. */
export const HOST_APP = `
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { mountRootParcel } from 'single-spa';
import Parcel from 'single-spa-react/parcel';
import {
  createSoftphoneClient,
  parcelConfig,
  Softphone,
  isSoftphoneCommandError,
  type CallState,
  type Command,
  type ErrorCode,
  type Reply,
  type SoftphoneState,
} from '@switchboard/softphone';

const client = createSoftphoneClient({ target: 'alice' });

function Status() {
  const [state, setState] = useState<SoftphoneState | null>(null);
  useEffect(() => {
    const subscription = client.state$.subscribe(setState);
    return () => subscription.unsubscribe();
  }, []);
  const calls: readonly CallState[] = state?.calls ?? [];
  return <output id="host-status">{state ? state.device.state : 'none'}:{calls.map((c) => c.status).join(',')}</output>;
}

export async function dial(to: string): Promise<string> {
  try {
    const result = await client.dial(to);
    return result.callSid;
  } catch (error) {
    const code: ErrorCode | undefined = isSoftphoneCommandError(error) ? error.code : undefined;
    throw new Error(code ?? 'unknown');
  }
}

export const exampleCommand: Command = { v: 1, id: 'x', type: 'hangupAll' };
export function replyOk(reply: Reply): boolean {
  return reply.ok;
}

const serverUrl = new URLSearchParams(location.search).get('server') ?? undefined;
createRoot(document.getElementById('root')!).render(
  <>
    <Status />
    <Parcel config={parcelConfig} mountParcel={mountRootParcel} identity="alice" serverUrl={serverUrl} />
    {location.hash === '#component' ? <Softphone identity="bob" serverUrl={serverUrl} compact /> : null}
  </>,
);
(window as unknown as { hostDial: typeof dial }).hostDial = dial;
`;

/**
 * A sibling app bundled with its own copy of RxJS (the page's shell shares another through its import map): it
 * drives the softphone through the typed client only, piping the client's streams with its own operators.
 */
export const RXJS_SIBLING = `
import { filter, firstValueFrom, map } from 'rxjs';
import { createSoftphoneClient, type CallState, type SoftphoneState } from '@switchboard/softphone';

const client = createSoftphoneClient({ target: 'alice' });

function callIn(status: CallState['status'], sid?: string): Promise<CallState> {
  return firstValueFrom(
    client.state$.pipe(
      map((state: SoftphoneState) => state.calls.find((c) => c.status === status && (sid === undefined || c.sid === sid))),
      filter((call): call is CallState => call !== undefined),
    ),
  );
}

export async function dialAndHangUp(to: string): Promise<string[]> {
  const statuses: string[] = [];
  const subscription = client.state$.subscribe((state) => {
    const status = state.calls.at(-1)?.status;
    if (status !== undefined && statuses.at(-1) !== status) statuses.push(status);
  });
  const { callSid } = await client.dial(to);
  const open = await callIn('open');
  await client.hangup(open.sid);
  await callIn('closed', open.sid);
  subscription.unsubscribe();
  return [callSid === open.sid || callSid === open.twilioCallSid ? 'same-call' : 'other-call', ...statuses];
}

(window as unknown as { sibling: { dialAndHangUp: typeof dialAndHangUp } }).sibling = { dialAndHangUp };
`;

export function writeSibling(dir: string): string {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  const entry = path.join(dir, 'src', 'sibling.ts');
  writeFileSync(entry, RXJS_SIBLING);
  return entry;
}

export function writeHostProject(dir: string): string {
  writeSibling(dir);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(HOST_TSCONFIG, null, 2));
  const entry = path.join(dir, 'src', 'main.tsx');
  writeFileSync(entry, HOST_APP);
  return entry;
}
