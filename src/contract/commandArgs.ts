/**
 * Argument checks the service applies to commands (the UI calls it directly, so it checks what the bus
 * checked already), in one import. Each rule lives in its own module; this file only gathers them.
 */
export type { Check } from './check.js';
export { DialParamsSchema } from './dialParams.js';
export { DEFAULT_MESSAGE_TYPE, checkMessage, utf8ByteLength } from './message.js';
export { checkFeedback, isFeedbackIssue } from './feedback.js';
export { checkDeviceIds } from './devices.js';
