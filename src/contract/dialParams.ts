/** Custom parameters of an outgoing call (`Device.connect({ params })`), as the TwiML app receives them. */
import { z } from 'zod';

export const MAX_PARAM_COUNT = 32;

export const DialParamsSchema = z
  .record(z.string().min(1).max(64), z.string().max(1024))
  .refine((p) => Object.keys(p).length <= MAX_PARAM_COUNT, { message: `at most ${MAX_PARAM_COUNT} params` });
