// Browser side of the SDK scenario suites: the real @twilio/voice-sdk, with what the SDK's own integration specs use
// from their test library (a token per identity, Devices, expectEvent), pointed at the local gateway with the
// options /client-config advertises. Each suite's scenarios run inside the page through `window.scenario`.
import { Call, Device, PreflightTest } from '@twilio/voice-sdk';

type DeviceOptions = NonNullable<ConstructorParameters<typeof Device>[1]>;
type Sounds = DeviceOptions['sounds'];

interface ClientConfig {
  device: DeviceOptions & { chunderw: string; eventgw: string; sounds: Sounds; rtcConfiguration: RTCConfiguration };
}

let configPromise: Promise<ClientConfig> | null = null;
let counter = 0;
const devices = new Set<Device>();
const stash = new Map<string, unknown>();

/** Two registered Devices in a call that the second one accepted (the `before` of most call specs). */
export interface CallPair {
  identity1: string;
  identity2: string;
  device1: Device;
  device2: Device;
  call1: Call;
  call2: Call;
}

function clientConfig(): Promise<ClientConfig> {
  configPromise ??= fetch('/client-config').then((r) => r.json() as Promise<ClientConfig>);
  return configPromise;
}

/** Emitters the scenarios listen to: Devices, Calls, PreflightTests. */
interface Emitter {
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

const scenario = {
  Device,
  Call,
  PreflightTest,
  /** A fresh identity, like the specs' `'id-' + Date.now()` (unique even for scenarios started the same ms). */
  identity(prefix = 'id'): string {
    counter++;
    return `${prefix}-${Date.now()}-${counter}`;
  },
  async token(identity: string): Promise<string> {
    const res = await fetch(`/token?identity=${encodeURIComponent(identity)}`);
    return ((await res.json()) as { token: string }).token;
  },
  /** The Device options of /client-config (the gateway's chunderw, eventgw and sounds), quiet in tests. */
  async deviceOptions(extra: DeviceOptions = {}): Promise<DeviceOptions> {
    const { device } = await clientConfig();
    return { ...device, logLevel: 'silent', closeProtection: false, ...extra } as DeviceOptions;
  },
  /** `new Device(generateAccessToken(identity), options)` of the specs, on the local gateway. */
  async device(identity: string, extra: DeviceOptions = {}): Promise<Device> {
    const device = new Device(await scenario.token(identity), await scenario.deviceOptions(extra));
    devices.add(device);
    return device;
  },
  /** What the specs pass to Device.runPreflight to reach a gateway that is not Twilio (its ExtendedOptions). */
  async preflightOptions(extra: PreflightTest.Options = {}): Promise<PreflightTest.ExtendedOptions> {
    const { device } = await clientConfig();
    const { sounds } = device;
    // PreflightTest builds its Device without `sounds`; deviceFactory gives it the local ones (no CDN requests).
    class LocalSoundsDevice extends Device {
      constructor(token: string, options: DeviceOptions = {}) {
        super(token, { ...options, sounds });
        devices.add(this);
      }
    }
    return {
      chunderw: device.chunderw,
      eventgw: device.eventgw,
      rtcConfiguration: device.rtcConfiguration,
      deviceFactory: LocalSoundsDevice,
      ...extra,
    } as PreflightTest.ExtendedOptions;
  },
  /** The specs' expectEvent: the first argument of the next `event`; rejects after `timeoutMs`. */
  expectEvent<T = unknown>(emitter: Emitter, event: string, timeoutMs = 20_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${event}" within ${timeoutMs} ms`)), timeoutMs);
      emitter.once(event, (value: unknown) => {
        clearTimeout(timer);
        resolve(value as T);
      });
    });
  },
  /** Records the named events of `emitter` in the order they fire (`name` or `name:<first argument>`). */
  record(emitter: Emitter, events: readonly string[], withArgument: readonly string[] = []): string[] {
    const log: string[] = [];
    for (const name of events)
      emitter.on(name, (value: unknown) =>
        log.push(withArgument.includes(name) ? `${name}:${JSON.stringify(value)}` : name),
      );
    return log;
  },
  /** Resolves once `condition` holds (polled every 20 ms); rejects after `timeoutMs`. */
  async until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!(await condition())) {
      if (performance.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  },
  /** Keeps a value for later scenarios of the same suite (the specs' `before` state shared by their `it`s). */
  keep<T>(key: string, value: T): T {
    stash.set(key, value);
    return value;
  },
  kept<T>(key: string): T {
    if (!stash.has(key)) throw new Error(`nothing kept as "${key}"`);
    return stash.get(key) as T;
  },
  /** Registers two Devices, the first calls the second, which accepts; resolves at the caller's `accept`. */
  async connectPair(): Promise<CallPair> {
    const [identity1, identity2] = [scenario.identity('id1'), scenario.identity('id2')];
    const [device1, device2] = await Promise.all([scenario.device(identity1), scenario.device(identity2)]);
    await Promise.all([device1.register(), device2.register()]);
    const incoming = scenario.expectEvent<Call>(device2, 'incoming');
    const call1 = await device1.connect({ params: { To: identity2 } });
    const call2 = await incoming;
    const accepted = Promise.all([scenario.expectEvent(call1, 'accept'), scenario.expectEvent(call2, 'accept')]);
    call2.accept();
    await accepted;
    return { identity1, identity2, device1, device2, call1, call2 };
  },
  /**
   * The reconnection spec's setupDevices: both Devices register, the second accepts its incoming call, the first
   * calls it with the spec's custom parameters; resolves once the callee accepted.
   */
  async connectReconnectionPair(options: DeviceOptions = {}): Promise<CallPair> {
    const [identity1, identity2] = [scenario.identity('id1'), scenario.identity('id2')];
    const [device1, device2] = await Promise.all([
      scenario.device(identity1, options),
      scenario.device(identity2, options),
    ]);
    device1.on('error', () => undefined);
    device2.on('error', () => undefined);
    await device1.register();
    await device2.register();
    const incoming = new Promise<Call>((resolve) => {
      device2.once('incoming', (call: Call) => {
        call.accept();
        resolve(call);
      });
    });
    const params = { To: identity2, Custom1: 'foo + bar', Custom2: undefined, Custom3: '我不吃蛋' };
    const call1 = await device1.connect({ params: params as unknown as Record<string, string> });
    const call2 = await incoming;
    await scenario.expectEvent(call1, 'accept');
    return { identity1, identity2, device1, device2, call1, call2 };
  },
  /** Calls `fn` and returns the message of what it threw (null if it did not throw). */
  thrown(fn: () => unknown): { name: string; message: string } | null {
    try {
      fn();
      return null;
    } catch (error) {
      const e = error as Error;
      return { name: e.name, message: e.message };
    }
  },
  async rejected(promise: Promise<unknown>): Promise<{ name: string; message: string } | null> {
    try {
      await promise;
      return null;
    } catch (error) {
      const e = error as Error;
      return { name: e.name, message: e.message };
    }
  },
  /** The specs' afterEach: disconnectAll and destroy. */
  destroy(...list: Array<Device | undefined>): void {
    for (const device of list) {
      if (!device) continue;
      devices.delete(device);
      try {
        device.disconnectAll();
        device.destroy();
      } catch {
        // Already destroyed by the scenario itself.
      }
    }
  },
  openDevices(): number {
    return devices.size;
  },
};

(window as unknown as { scenario: typeof scenario }).scenario = scenario;
export type ScenarioApi = typeof scenario;
