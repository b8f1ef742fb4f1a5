export { NUMBER_PLAN, NumberKind, type NumberPlanEntry } from './catalog.js';
export { createNumberPlan, DEFAULT_BAD_NETWORK, type NumberPlanOptions, type SimulatedNumberPlan } from './plan.js';
export { createServerMediaFactory, type ServerMediaOptions } from './serverMedia.js';
export type { IvrMessage, IvrMenu, DigitSource } from './ivr.js';
