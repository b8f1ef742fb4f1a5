/**
 * The call commands of the service: dial, answer (accept / reject / ignore), hang up, mute, and the
 * in-call extras (digits, messages, feedback). Each validates its arguments, picks its call and runs
 * one SDK method through the error reporter.
 */
import type { FeedbackIssue } from '../contract/schema';
import { checkFeedback, checkMessage, DEFAULT_MESSAGE_TYPE, DialParamsSchema } from '../contract/commandArgs';
import { SoftphoneError, type DialResult, type SendMessageResult } from '../contract/service';
import { validateDigits } from '../contract/digits';
import { checkDialTarget } from '../contract/phoneNumbers';
import { findLive, findLiveOrLastEnded, findPendingIncoming, localSid } from './callSelectors';
import { closeCall, isLive, toCallStatus } from './callState';
import { CallTargets } from './callTargets';
import type { CallControl } from './callControl';
import type { CallTracker } from './callTracker';
import type { CurrentDevice } from './currentDevice';
import type { SdkRunner } from './errorReporter';
import { destroyedError, type ServiceLifetime } from './lifetime';
import type { CallLike } from './sdkTypes';

export interface CallCommandsDeps {
  identity: string;
  /** Passed to `connect` and `accept` (the gateway's ICE setup). */
  rtcConfiguration: RTCConfiguration | undefined;
  calls: CallTracker;
  /** Held lines: call waiting's accept holds the live one, and held or parked lines end on the server. */
  control: CallControl;
  device: CurrentDevice;
  runSdk: SdkRunner;
  lifetime: ServiceLifetime;
  now: () => number;
}

const LIVE_STATUSES = ['connecting', 'ringing', 'open', 'reconnecting'] as const;

export class CallCommands {
  private readonly targets: CallTargets;
  private dialInFlight = false;

  constructor(private readonly deps: CallCommandsDeps) {
    this.targets = new CallTargets(deps.calls, deps.lifetime);
  }

  async dial(to: string, params: Record<string, string> = {}): Promise<DialResult> {
    const { calls, device, runSdk, lifetime, rtcConfiguration } = this.deps;
    lifetime.assertAlive();
    const parsed = await checkDialTarget(typeof to === 'string' ? to : ''); // loads the phone metadata for a number
    if (!parsed.ok) throw new SoftphoneError('invalid_number', parsed.reason);
    if (!DialParamsSchema.safeParse(params).success) {
      throw new SoftphoneError(
        'invalid_argument',
        'Call params are at most 32 string values with keys of 1 to 64 characters.',
      );
    }
    const d = device.require({ needsMicrophone: true });
    if (this.dialInFlight || findLive(calls.list())) throw new SoftphoneError('busy', 'Already in a call.');
    this.dialInFlight = true;
    let call: CallLike;
    try {
      // The validated target always wins over a `To` smuggled in through params.
      const connectOptions = {
        params: { ...params, To: parsed.target.to },
        ...(rtcConfiguration && { rtcConfiguration }),
      };
      call = await runSdk(() => d.connect(connectOptions), { source: 'call' });
    } finally {
      this.dialInFlight = false;
    }
    if (lifetime.isDestroyed) {
      call.disconnect();
      throw destroyedError();
    }
    calls.closeSilentlyEnded();
    const sid = call.outboundConnectionId ?? call.parameters.CallSid ?? localSid();
    calls.track(call, { sid, direction: 'outgoing', from: `client:${this.deps.identity}`, to: parsed.target.to });
    return { callSid: sid };
  }

  async hangup(callSid?: string): Promise<void> {
    this.deps.lifetime.assertAlive();
    const line = this.deps.control.heldLineFor(callSid);
    if (line) return this.deps.control.hangupLine(line);
    const entry = this.targets.resolve(callSid, findLive);
    this.targets.requireStatus(entry, LIVE_STATUSES, 'hang up');
    entry.hangupRequested = true;
    await this.deps.runSdk(() => entry.call.disconnect(), { source: 'call', callSid: entry.sid });
  }

  async hangupAll(): Promise<void> {
    const { calls, device, runSdk } = this.deps;
    const d = device.require({ needsMicrophone: false });
    await this.deps.control.hangupHeldLines();
    const entries = calls.list().map((c) => ({ state: c, entry: calls.entry(c.sid) }));
    entries.forEach(({ state, entry }) => {
      if (entry && isLive(state.status)) entry.hangupRequested = true;
    });
    await runSdk(() => d.disconnectAll(), { source: 'call' });
    // disconnectAll() cannot end a ringing incoming call; reject those so they do not linger.
    for (const { state, entry } of entries) {
      if (entry && state.status === 'pending' && this.targets.statusOf(entry) === 'pending') {
        await runSdk(() => entry.call.reject(), { source: 'call', callSid: entry.sid });
      }
    }
    calls.closeSilentlyEnded();
  }

  async accept(callSid?: string): Promise<void> {
    const { calls, device, runSdk, rtcConfiguration } = this.deps;
    const entry = this.targets.resolve(callSid, findPendingIncoming);
    this.targets.requireStatus(entry, ['pending'], 'accept');
    device.require({ needsMicrophone: true });
    // The SDK hangs up the current leg when another is accepted: call waiting holds that line first, so it parks.
    const prepared = await this.deps.control.prepareAccept(entry.sid);
    try {
      // The caller may have given up while the live line was being held: then that line is resumed.
      this.targets.requireStatus(entry, ['pending'], 'accept');
    } catch (error) {
      await prepared.undo();
      throw error;
    }
    await runSdk(() => entry.call.accept(rtcConfiguration ? { rtcConfiguration } : undefined), {
      source: 'call',
      callSid: entry.sid,
    });
    calls.update(entry.sid, (c) => ({ ...c, status: toCallStatus(entry.call.status()) }));
  }

  async reject(callSid?: string): Promise<void> {
    const entry = this.targets.resolve(callSid, findPendingIncoming);
    this.targets.requireStatus(entry, ['pending'], 'reject');
    await this.deps.runSdk(() => entry.call.reject(), { source: 'call', callSid: entry.sid });
  }

  async ignore(callSid?: string): Promise<void> {
    const { calls, runSdk, now } = this.deps;
    const entry = this.targets.resolve(callSid, findPendingIncoming);
    this.targets.requireStatus(entry, ['pending'], 'ignore');
    await runSdk(() => entry.call.ignore(), { source: 'call', callSid: entry.sid });
    // The SDK emits no event for ignore(): close the call ourselves.
    calls.update(entry.sid, (c) => closeCall(c, 'ignored', now()));
    calls.finish(entry);
  }

  async mute(muted?: boolean, callSid?: string): Promise<{ muted: boolean }> {
    const entry = this.targets.resolve(callSid, findLive);
    this.targets.requireStatus(entry, LIVE_STATUSES, 'mute');
    const target = muted ?? !entry.call.isMuted();
    await this.deps.runSdk(() => entry.call.mute(target), { source: 'call', callSid: entry.sid });
    const actual = entry.call.isMuted();
    this.deps.calls.update(entry.sid, (c) => ({ ...c, muted: actual }));
    return { muted: actual };
  }

  async sendDigits(digits: string, callSid?: string): Promise<void> {
    this.deps.lifetime.assertAlive();
    const checked = validateDigits(digits);
    if (!checked.ok) throw new SoftphoneError('invalid_digits', checked.reason);
    const entry = this.targets.resolve(callSid, findLive);
    this.targets.requireStatus(entry, ['open'], 'send digits on');
    await this.deps.runSdk(() => entry.call.sendDigits(checked.digits), { source: 'call', callSid: entry.sid });
  }

  async sendMessage(
    content: unknown,
    messageType: string = DEFAULT_MESSAGE_TYPE,
    callSid?: string,
  ): Promise<SendMessageResult> {
    this.deps.lifetime.assertAlive();
    const checked = checkMessage(content, messageType);
    if (!checked.ok) throw new SoftphoneError('invalid_argument', checked.reason);
    const entry = this.targets.resolve(callSid, findLive);
    this.targets.requireStatus(entry, ['ringing', 'open', 'reconnecting'], 'send a message on');
    if (!entry.call.parameters.CallSid)
      throw new SoftphoneError('wrong_state', 'The call has no CallSid yet; try again once it rings.');
    const message = { content, messageType, contentType: 'application/json' };
    const voiceEventSid = await this.deps.runSdk(() => entry.call.sendMessage(message), {
      source: 'call',
      callSid: entry.sid,
    });
    // Settled by the call's `messageSent` / `error` event (see pendingMessages.ts).
    return new Promise<SendMessageResult>((resolve, reject) => {
      entry.pendingMessages.push({ voiceEventSid, resolve, reject });
    });
  }

  async postFeedback(score: number, issue?: FeedbackIssue, callSid?: string): Promise<void> {
    this.deps.lifetime.assertAlive();
    const checked = checkFeedback(score, issue);
    if (!checked.ok) throw new SoftphoneError('invalid_argument', checked.reason);
    const entry = this.targets.resolve(callSid, findLiveOrLastEnded);
    await this.deps.runSdk(() => entry.call.postFeedback(score, issue), { source: 'call', callSid: entry.sid });
    this.deps.calls.update(entry.sid, (c) => ({ ...c, feedbackSent: true }));
  }
}
