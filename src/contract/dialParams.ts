/** Custom parameters of an outgoing call (`Device.connect({ params })`), as the TwiML app receives them. */
import * as z from 'zod/mini';

export const MAX_PARAM_COUNT = 32;

export const DialParamsSchema = z
  .record(z.string().check(z.minLength(1), z.maxLength(64)), z.string().check(z.maxLength(1024)))
  .check(z.refine((p) => Object.keys(p).length <= MAX_PARAM_COUNT, { message: `at most ${MAX_PARAM_COUNT} params` }));
