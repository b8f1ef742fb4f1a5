/** Audio device ids as `setInputDevice` / `setOutputDevice` take them (MediaDeviceInfo.deviceId). */
import * as z from 'zod/mini';
import type { Check } from './check.js';

const MAX_DEVICE_ID_LENGTH = 512;
const MAX_OUTPUT_DEVICES = 8;

export const DeviceIdSchema = z.string().check(z.minLength(1), z.maxLength(MAX_DEVICE_ID_LENGTH));
export const DeviceIdsSchema = z.array(DeviceIdSchema).check(z.minLength(1), z.maxLength(MAX_OUTPUT_DEVICES));

export function checkDeviceIds(ids: unknown): Check {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_OUTPUT_DEVICES) {
    return { ok: false, reason: `Give between 1 and ${MAX_OUTPUT_DEVICES} device ids.` };
  }
  if (!ids.every((id) => DeviceIdSchema.safeParse(id).success))
    return { ok: false, reason: 'Device ids are non-empty strings.' };
  return { ok: true };
}
