/**
 * The leader tab's side of the channel: mirrors the state, events and levels of its own phone to the follower
 * tabs, and executes the method calls they forward on the real service, answering each with one result
 * addressed to the asking session.
 */
import type { Observable, Subscription } from 'rxjs';
import type { SoftphoneState } from '../contract/schemaState';
import { isSoftphoneError, type SoftphoneCore } from '../contract/service';
import { checkForwardedArgs } from './forwardedMethods';
import type { ForwardedError, TabChannel, TabMessage } from './protocol';

export interface LeaderHubSource {
  readonly core: SoftphoneCore;
  /** The state followers mirror: the core's, with this tab's `device.tab` already filled in. */
  readonly state$: Observable<SoftphoneState>;
  getState(): SoftphoneState;
}

export function startLeaderHub(channel: TabChannel, source: LeaderHubSource): () => void {
  const { core } = source;
  const subscriptions: Subscription[] = [
    source.state$.subscribe({ next: (state) => channel.post({ kind: 'state', state }), error: () => undefined }),
    core.events$.subscribe({ next: (event) => channel.post({ kind: 'event', event }), error: () => undefined }),
    core.volume$.subscribe({ next: (volume) => channel.post({ kind: 'volume', volume }), error: () => undefined }),
  ];
  const stopListening = channel.listen((message) => {
    if (message.kind === 'state-request') channel.post({ kind: 'state', state: source.getState() });
    else if (message.kind === 'call') void answerCall(channel, core, message);
  });
  return () => {
    stopListening();
    for (const subscription of subscriptions) subscription.unsubscribe();
  };
}

type CallMessage = Extract<TabMessage, { kind: 'call' }>;

async function answerCall(channel: TabChannel, core: SoftphoneCore, message: CallMessage): Promise<void> {
  const reply = { kind: 'result', to: message.from, id: message.id } as const;
  const args = checkForwardedArgs(message.method, message.args);
  if (args === null) {
    const error: ForwardedError = { code: 'invalid_argument', message: `Invalid arguments for ${message.method}.` };
    channel.post({ ...reply, ok: false, error });
    return;
  }
  try {
    const method = core[message.method] as (...params: unknown[]) => unknown;
    const value: unknown = await method.apply(core, args);
    channel.post(value === undefined ? { ...reply, ok: true } : { ...reply, ok: true, value });
  } catch (error) {
    channel.post({ ...reply, ok: false, error: toForwardedError(error) });
  }
}

function toForwardedError(error: unknown): ForwardedError {
  if (isSoftphoneError(error)) {
    const twilioCode = Number.isInteger(error.twilioCode) ? error.twilioCode : undefined;
    return { code: error.code, message: String(error.message), ...(twilioCode === undefined ? {} : { twilioCode }) };
  }
  return { code: 'internal_error', message: 'The leader tab failed unexpectedly while executing the command.' };
}
