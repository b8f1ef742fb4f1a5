/**
 * The softphone as a plain React component, for hosts that bundle it and do not run single-spa:
 * `<Softphone identity="alice" serverUrl="https://phone.example" />`. It takes the parcel's props and lives
 * like a mounted parcel: one instance per component, destroyed on unmount, updated when the props change.
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import type { InstanceDeps, SoftphoneInstance } from './instance';
import { loadRuntime, type ParcelRuntime } from './runtimeLoader';
import type { ParcelPropsInput } from './props';

export type SoftphoneProps = ParcelPropsInput & {
  /** Replaces the default service, bus and config loading (tests, diagnostics). */
  deps?: InstanceDeps;
};

interface Mounted {
  runtime: ParcelRuntime;
  instance: SoftphoneInstance;
}

export function Softphone({ deps, ...props }: SoftphoneProps): JSX.Element {
  const [mounted, setMounted] = useState<Mounted | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const latestProps = useRef(props);
  latestProps.current = props;
  const propsKey = JSON.stringify(props);

  useEffect(() => {
    let instance: SoftphoneInstance | null = null;
    let cancelled = false;
    loadRuntime().then(
      (runtime) => {
        if (cancelled) return;
        instance = new runtime.SoftphoneInstance(latestProps.current, deps ?? runtime.defaultInstanceDeps);
        void instance.start();
        setMounted({ runtime, instance });
      },
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
      instance?.destroy();
      setMounted(null);
    };
  }, [deps]);

  useEffect(() => {
    mounted?.instance.update(latestProps.current);
  }, [mounted, propsKey]);

  // After the instance's first commit: its service starts off the path to that frame (see SoftphoneInstance.shown).
  useEffect(() => {
    mounted?.instance.shown();
  }, [mounted]);

  if (loadError) return <p role="alert">The softphone could not load: {loadError}</p>;
  if (!mounted) return <div role="status" aria-label="Softphone loading" />;
  const { ParcelRoot, sharedEmotionCache } = mounted.runtime;
  return <ParcelRoot softphone={mounted.instance} emotionCache={sharedEmotionCache()} />;
}
