// Browser-side harness for the preflight suite: the real @twilio/voice-sdk's Device.runPreflight against the local
// gateway, with the Device options /client-config advertises, recording the PreflightTest's events.
import { Device, PreflightTest } from '@twilio/voice-sdk';

export interface PreflightOutcome {
  events: string[];
  report?: { callSid: string | null; samples: unknown[]; stats?: { mos?: { average: number } } };
  error?: { code?: number; message: string };
}

type Sounds = NonNullable<ConstructorParameters<typeof Device>[1]>['sounds'];

/**
 * PreflightTest builds its Device from a fixed list of options that leaves out `sounds`, so the Device would fetch
 * Twilio's CDN sounds; the SDK's `deviceFactory` option is the way to give it the local ones.
 */
function deviceWithSounds(sounds: Sounds): typeof Device {
  return class LocalSoundsDevice extends Device {
    constructor(token: string, options: ConstructorParameters<typeof Device>[1] = {}) {
      super(token, { ...options, sounds });
    }
  };
}

const harness = {
  async runPreflight(): Promise<PreflightOutcome> {
    const config = (await (await fetch('/client-config')).json()) as {
      device: { chunderw: string; eventgw: string; sounds: Sounds; rtcConfiguration: RTCConfiguration };
    };
    const { token } = (await (await fetch('/token?identity=preflight')).json()) as { token: string };
    const { chunderw, eventgw, sounds, rtcConfiguration } = config.device;
    // chunderw/eventgw/deviceFactory are the SDK's ExtendedOptions (what its own preflight tests pass).
    const options: PreflightTest.ExtendedOptions = {
      chunderw,
      eventgw,
      rtcConfiguration,
      deviceFactory: deviceWithSounds(sounds),
    };
    const test = Device.runPreflight(token, options);
    const outcome: PreflightOutcome = { events: [] };
    test.on(PreflightTest.Events.Connected, () => outcome.events.push('connected'));
    test.on(PreflightTest.Events.Sample, () => outcome.events.push('sample'));
    test.on(PreflightTest.Events.Warning, (name: string) => outcome.events.push(`warning ${name}`));
    return new Promise((resolve) => {
      test.on(PreflightTest.Events.Completed, (report: PreflightOutcome['report']) => {
        outcome.events.push('completed');
        resolve({ ...outcome, report });
      });
      test.on(PreflightTest.Events.Failed, (error: { code?: number; message: string }) => {
        outcome.events.push('failed');
        resolve({ ...outcome, error: { code: error.code, message: error.message } });
      });
    });
  },
};

(window as unknown as { harness: typeof harness }).harness = harness;
export type PreflightHarness = typeof harness;
