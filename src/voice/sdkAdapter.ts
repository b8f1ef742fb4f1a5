/**
 * The only production path to the Twilio SDK: a dynamic `import()` (webpack puts the SDK in its own
 * chunk, so the parcel mounts without it) wrapped as a `DeviceFactory`.
 */
import type { Call, Device } from '@twilio/voice-sdk';
import type { AudioHelperLike, CallLike, DeviceFactory, DeviceLike, DeviceOptionsLike } from './sdkTypes';

/** Compiles only when `Actual` is assignable to `Expected`; erased at runtime. */
type AssertAssignable<Expected, Actual extends Expected> = Actual;

// Type-level proof that the real SDK satisfies the narrow interfaces the service is written against.
// If an SDK upgrade changes a member we use, these lines stop compiling.
export type DeviceSatisfiesDeviceLike = AssertAssignable<DeviceLike, Device>;
export type CallSatisfiesCallLike = AssertAssignable<CallLike, Call>;
export type AudioHelperSatisfiesLike = AssertAssignable<AudioHelperLike, NonNullable<Device['audio']>>;

type SdkModule = typeof import('@twilio/voice-sdk');

/** Device.Options plus the gateway options the SDK reads but does not declare publicly. */
type SdkDeviceOptions = Device.Options & { chunderw?: string | string[]; eventgw?: string };

function toSdkOptions(sdk: SdkModule, options: DeviceOptionsLike): SdkDeviceOptions {
  const { codecPreferences, ...rest } = options;
  const codecs = codecPreferences?.map((codec) => (codec === 'opus' ? sdk.Call.Codec.Opus : sdk.Call.Codec.PCMU));
  return codecs ? { ...rest, codecPreferences: codecs } : rest;
}

export function createSdkDeviceFactory(sdk: SdkModule): DeviceFactory {
  return {
    isSupported: sdk.Device.isSupported,
    create: (token, options) => new sdk.Device(token, toSdkOptions(sdk, options)),
  };
}

/** Loads the SDK chunk on first use. */
export async function loadSdkDeviceFactory(): Promise<DeviceFactory> {
  const sdk = await import(/* webpackChunkName: "twilio-voice-sdk" */ '@twilio/voice-sdk');
  return createSdkDeviceFactory(sdk);
}
