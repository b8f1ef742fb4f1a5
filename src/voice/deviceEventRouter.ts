/**
 * What each Device event means for the service: an incoming call starts being tracked, an error is
 * published (and a refused token replaced), the token lifecycle hears `tokenWillExpire`. Every
 * event then refreshes `state.device` and goes out on `events$`.
 */
import { localSid } from './callSelectors';
import { isLive } from './callState';
import type { CallTracker } from './callTracker';
import type { CurrentDevice } from './currentDevice';
import type { ErrorReporter } from './errorReporter';
import { isAuthFailure } from './errors';
import { deviceEventData } from './eventData';
import type { DeviceSdkEvent } from './sdkEvents';
import type { CallLike } from './sdkTypes';
import type { ServiceOutputs } from './serviceOutputs';
import type { TokenSession } from './tokenSession';

type IncomingData = NonNullable<Parameters<typeof deviceEventData>[1]>;

export interface DeviceEventRouterDeps {
  device: CurrentDevice;
  calls: CallTracker;
  tokens: TokenSession;
  errors: ErrorReporter;
  outputs: ServiceOutputs;
  now: () => number;
  /** Takes over the server's call-backs this service asked for (call control); true: not an ordinary call. */
  claimCallback: (call: CallLike) => boolean;
  /** false: a call arriving while another is open is rejected at once, so its caller hears busy. */
  callWaiting: boolean;
}

export class DeviceEventRouter {
  /** After each confirmed registration (the lifecycle undoes one nobody wanted). */
  onRegistered: () => void = () => undefined;

  constructor(private readonly deps: DeviceEventRouterDeps) {}

  readonly handle = (event: DeviceSdkEvent): void => {
    let incoming: IncomingData | undefined;
    switch (event.name) {
      case 'incoming': {
        const call = event.args[0] as CallLike;
        if (this.deps.claimCallback(call) || this.refuseWhileBusy(call)) {
          this.deps.device.sync();
          return;
        }
        incoming = this.trackIncoming(call);
        break;
      }
      case 'error': {
        const [error, call] = event.args as [unknown, CallLike | undefined];
        this.reportError(error, call);
        break;
      }
      case 'tokenWillExpire':
        this.deps.tokens.onTokenWillExpire();
        break;
      case 'registered':
        this.deps.errors.clearFrom('device');
        this.deps.device.registration.confirm(this.deps.now());
        this.deps.tokens.onAuthConfirmed();
        break;
      case 'registering':
      case 'unregistered':
      case 'destroyed':
        break;
    }
    this.deps.device.sync();
    this.deps.outputs.emit({ source: 'device', name: event.name, data: deviceEventData(event, incoming) });
    if (event.name === 'registered') this.onRegistered();
  };

  /** Without call waiting, a second call is never left ringing unseen: its caller hears busy at once. */
  private refuseWhileBusy(call: CallLike): boolean {
    if (this.deps.callWaiting || !this.deps.calls.list().some((c) => isLive(c.status))) return false;
    try {
      call.reject();
    } catch (error) {
      this.deps.errors.report(error, { source: 'call' });
    }
    return true;
  }

  private trackIncoming(call: CallLike): IncomingData {
    const { calls } = this.deps;
    const sid = call.parameters.CallSid ?? localSid();
    const entry = calls.track(call, {
      sid,
      direction: 'incoming',
      from: call.parameters.From ?? null,
      to: call.parameters.To ?? null,
    });
    const state = calls.state(entry.sid);
    return {
      callSid: sid,
      from: state?.from ?? null,
      to: state?.to ?? null,
      customParameters: state?.customParameters ?? {},
    };
  }

  /** A Device error names the call it concerns, if any; while registering it blocks incoming calls. */
  private reportError(error: unknown, call: CallLike | undefined): void {
    const { calls, device, errors, tokens } = this.deps;
    const callSid = call ? calls.sidOf(call) : undefined;
    const registering = device.get()?.state === 'registering';
    errors.report(error, { source: callSid ? 'call' : 'device', blocking: registering, ...(callSid && { callSid }) });
    if (isAuthFailure(error)) {
      // Until a new token is accepted the gateway routes no call here, whatever the SDK's state says.
      device.registration.authRejected = true;
      tokens.onAuthFailure();
    }
  }
}
