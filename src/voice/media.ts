/**
 * Microphone permission and the list of audio devices, through a `navigator.mediaDevices`-like
 * object so tests can stand in for the browser.
 */
import type { MediaDeviceSummary, MicrophonePermission } from '../contract/schema';

export interface MediaTrackLike {
  stop(): void;
}

export interface MediaDeviceInfoLike {
  deviceId: string;
  kind: string;
  label: string;
  groupId?: string;
}

export interface MediaDevicesLike {
  getUserMedia(constraints: { audio: boolean }): Promise<{ getTracks(): MediaTrackLike[] }>;
  enumerateDevices(): Promise<MediaDeviceInfoLike[]>;
  addEventListener(type: 'devicechange', listener: () => void): void;
  removeEventListener(type: 'devicechange', listener: () => void): void;
}

export interface PermissionsLike {
  query(descriptor: { name: 'microphone' }): Promise<{ state: string }>;
}

export type MicrophoneResult = { permission: 'granted' } | { permission: 'denied' | 'unavailable'; error: unknown };

const DENIED_NAMES = new Set(['NotAllowedError', 'PermissionDeniedError', 'SecurityError']);

/**
 * Asks for the microphone once and immediately stops the tracks: the SDK opens its own stream per
 * call, and a live track would keep the browser's recording indicator on.
 */
export async function requestMicrophoneAccess(media: MediaDevicesLike): Promise<MicrophoneResult> {
  try {
    const stream = await media.getUserMedia({ audio: true });
    stream.getTracks().forEach((track) => track.stop());
    return { permission: 'granted' };
  } catch (error) {
    const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
    return { permission: typeof name === 'string' && DENIED_NAMES.has(name) ? 'denied' : 'unavailable', error };
  }
}

/** The browser's current answer without prompting, when the Permissions API knows it. */
export async function queryMicrophonePermission(
  permissions: PermissionsLike | undefined,
): Promise<MicrophonePermission> {
  if (!permissions) return 'unknown';
  try {
    const status = await permissions.query({ name: 'microphone' });
    return status.state === 'granted' || status.state === 'denied' || status.state === 'prompt'
      ? status.state
      : 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface AudioDeviceLists {
  inputs: MediaDeviceSummary[];
  outputs: MediaDeviceSummary[];
}

function summarize(devices: MediaDeviceInfoLike[], kind: string, fallbackLabel: string): MediaDeviceSummary[] {
  return devices
    .filter((d) => d.kind === kind)
    .map((d, index) => ({
      deviceId: d.deviceId,
      // Labels are empty until permission is granted; number them rather than show blanks.
      label: d.label || `${fallbackLabel} ${index + 1}`,
      ...(d.groupId && { groupId: d.groupId }),
    }));
}

export async function listAudioDevices(media: MediaDevicesLike): Promise<AudioDeviceLists> {
  const devices = await media.enumerateDevices();
  return {
    inputs: summarize(devices, 'audioinput', 'Microphone'),
    outputs: summarize(devices, 'audiooutput', 'Speaker'),
  };
}
