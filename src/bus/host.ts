/**
 * Puts one softphone service on the window bus: answers the commands addressed to it, publishes its
 * state on every change and on request, and publishes every Device/Call event. Routing and validation
 * are shared by all softphones of the window (see hostRegistry.ts).
 */
import type { Subscription } from 'rxjs';
import { BUS_VERSION, BusEvents } from '../contract/busEvents';
import { findCallBySid } from '../contract/calls';
import { callCommand } from '../contract/commandCalls';
import { ErrorCodeSchema } from '../contract/errorCodes';
import type { Command } from '../contract/schemaCommand';
import type { SoftphoneEvent } from '../contract/schemaEvent';
import type { BusError, Reply } from '../contract/schemaReply';
import type { SoftphoneState } from '../contract/schemaState';
import { isSoftphoneError, type SoftphoneService } from '../contract/service';
import { openCrossTabPublisher } from './crossTab';
import { refusedNumber } from './parseCommand';
import { registerEntry, type HostEntry } from './hostRegistry';
import { defaultBusTarget, NotSerializableError, publish, type BusTarget } from './transport';

export interface AttachToBusOptions {
  /** The window to listen on and publish to; defaults to the global `window`. */
  target?: BusTarget;
  /**
   * Also mirror state and events to other tabs of this origin over
   * `BroadcastChannel('switchboard-softphone')` (see crossTab.ts). Off by default: the same identity open
   * in two tabs would otherwise show up twice in every listening tab.
   */
  broadcast?: boolean;
}

/** Attaches `service` to the bus; returns the idempotent detach function. */
export function attachToBus(service: SoftphoneService, opts: AttachToBusOptions = {}): () => void {
  const target = opts.target ?? defaultBusTarget();
  const instance = service.instance;
  const mirror = opts.broadcast ? openCrossTabPublisher() : undefined;

  const publishState = (state: SoftphoneState): void => {
    const detail: SoftphoneState = { ...state, instance };
    try {
      publish(target, BusEvents.state, detail);
      mirrorSafely(() => mirror?.state(detail));
    } catch (error) {
      if (!(error instanceof NotSerializableError)) throw error;
      // SoftphoneState is plain data by construction; an unserialisable one is not published half-way.
    }
  };
  const publishEvent = (event: SoftphoneEvent): void => {
    const detail: SoftphoneEvent = { ...event, instance };
    try {
      publish(target, BusEvents.event, detail);
      mirrorSafely(() => mirror?.event(detail));
    } catch (error) {
      if (!(error instanceof NotSerializableError)) throw error;
      // Keep the event itself: only its payload could not cross the boundary.
      if (detail.source !== 'history') publish(target, BusEvents.event, { ...detail, data: null });
    }
  };

  const entry: HostEntry = {
    instance,
    execute: (command) => executeCommand(service, instance, command),
    publishState: () => publishState(service.getState()),
  };
  const unregister = registerEntry(target, entry);
  const subscriptions: Subscription[] = [
    // state$ replays: this announces the softphone to siblings that subscribed before it existed.
    service.state$.subscribe({ next: publishState, error: () => undefined }),
    service.events$.subscribe({ next: publishEvent, error: () => undefined }),
  ];

  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    for (const subscription of subscriptions) subscription.unsubscribe();
    unregister();
    mirror?.close();
  };
}

async function executeCommand(service: SoftphoneService, instance: string, command: Command): Promise<Reply> {
  const envelope = { v: BUS_VERSION, id: command.id, instance } as const;
  try {
    const badNumber = await refusedNumber(command); // parseCommand checked the format; this, that the number exists
    if (badNumber) return { ...envelope, ok: false, error: badNumber };
    const callSid = 'callSid' in command ? command.callSid : undefined;
    // Checked here too so that a command for a call that does not exist never reaches the service.
    if (callSid !== undefined && !findCallBySid(service.getState().calls, callSid)) {
      return {
        ...envelope,
        ok: false,
        error: { code: 'no_active_call', message: 'No call on this softphone has that callSid.' },
      };
    }
    const result = await callCommand(service, command);
    return result === undefined ? { ...envelope, ok: true } : { ...envelope, ok: true, result };
  } catch (error) {
    return { ...envelope, ok: false, error: toBusError(error) };
  }
}

/** A SoftphoneError keeps its code; anything else is a bug inside the softphone. */
function toBusError(error: unknown): BusError {
  if (isSoftphoneError(error)) {
    const code = ErrorCodeSchema.safeParse(error.code);
    if (code.success) {
      const twilioCode = Number.isInteger(error.twilioCode) ? error.twilioCode : undefined;
      return { code: code.data, message: String(error.message), ...(twilioCode === undefined ? {} : { twilioCode }) };
    }
  }
  return { code: 'internal_error', message: 'The softphone failed unexpectedly while executing the command.' };
}

/** Other tabs are a bonus: a failing BroadcastChannel (closed, DataCloneError) must not break this tab's bus. */
function mirrorSafely(post: () => void): void {
  try {
    post();
  } catch {
    // Nothing to recover: the next state is mirrored again.
  }
}
