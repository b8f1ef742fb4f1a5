/** The bus's version and its CustomEvent names on `window` (README "Bus API"). */
export const BUS_VERSION = 1 as const;

export const BusEvents = {
  command: 'softphone:command',
  reply: 'softphone:reply',
  state: 'softphone:state',
  stateRequest: 'softphone:state-request',
  event: 'softphone:event',
} as const;
export type BusEventName = (typeof BusEvents)[keyof typeof BusEvents];
