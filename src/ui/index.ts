/** Public surface of the softphone UI for the parcel entry. */
export { SoftphoneApp, EMOTION_CACHE_KEY, type SoftphoneAppProps } from './SoftphoneApp';
export type { SectionId } from './Profiled';
export { useObservable, type Subscribable } from './hooks/useObservable';
export { useSoftphoneSelector, type Equality } from './hooks/useSoftphoneSelector';
