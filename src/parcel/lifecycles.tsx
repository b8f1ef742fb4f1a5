/**
 * single-spa parcel lifecycles (bootstrap, mount, unmount AND update) on single-spa-react 6.0.2. Each
 * mounted parcel gets its own SoftphoneInstance keyed by single-spa's unique parcel `name`, so two
 * softphones side by side never share a root, a service or a bus address. The UI and service code load
 * lazily (see runtime.ts) at bootstrap.
 */
import React from 'react';
import ReactDOMClient from 'react-dom/client';
import type { AppProps } from 'single-spa';
import singleSpaReact from 'single-spa-react';
import type { InstanceDeps, SoftphoneInstance } from './instance';
import type { ParcelRootProps } from './ParcelRoot';
import { loadRuntime, type ParcelRuntime } from './runtimeLoader';

/** What single-spa passes to every lifecycle (plus the host's custom props). */
export interface LifecycleProps {
  name: string;
  domElement?: HTMLElement;
  [customProp: string]: unknown;
}

export interface ParcelLifecycles {
  bootstrap(props: LifecycleProps): Promise<void>;
  mount(props: LifecycleProps): Promise<void>;
  unmount(props: LifecycleProps): Promise<void>;
  update(props: LifecycleProps): Promise<void>;
}

/** Builds an independent set of lifecycles; tests inject a fake service through `deps`. */
export function createParcelLifecycles(deps?: InstanceDeps): ParcelLifecycles {
  let runtime: ParcelRuntime | null = null;
  const react = singleSpaReact<ParcelRootProps>({
    React,
    ReactDOMClient,
    loadRootComponent: async () => {
      runtime = await loadRuntime();
      // single-spa-react types the root's props as optional; single-spa always passes them.
      return runtime.ParcelRoot as unknown as React.FunctionComponent<(ParcelRootProps & AppProps) | undefined>;
    },
    // Rendered only after bootstrap, when the runtime is loaded.
    errorBoundary: (error: Error) =>
      runtime ? <runtime.ParcelCrash error={error} /> : <p role="alert">{error.message}</p>,
  });
  const instances = new Map<string, SoftphoneInstance>();

  function withInstance(props: LifecycleProps, softphone: SoftphoneInstance | undefined) {
    // single-spa supplies `singleSpa`/`mountParcel` at runtime; our own tests may omit them.
    const emotionCache = runtime?.sharedEmotionCache();
    return { ...props, softphone, emotionCache } as unknown as ParcelRootProps & AppProps;
  }

  return {
    bootstrap: (props) => react.bootstrap(withInstance(props, undefined)),
    async mount(props) {
      if (instances.has(props.name)) throw new Error(`A softphone parcel named "${props.name}" is already mounted.`);
      const rt = runtime ?? (runtime = await loadRuntime());
      const softphone = new rt.SoftphoneInstance(props, deps ?? rt.defaultInstanceDeps);
      instances.set(props.name, softphone);
      void softphone.start();
      try {
        await react.mount(withInstance(props, softphone));
      } catch (error) {
        instances.delete(props.name);
        softphone.destroy();
        throw error;
      }
    },
    async unmount(props) {
      const softphone = instances.get(props.name);
      try {
        await react.unmount(withInstance(props, softphone));
      } finally {
        instances.delete(props.name);
        softphone?.destroy();
      }
    },
    async update(props) {
      const softphone = instances.get(props.name);
      if (!softphone) throw new Error(`No mounted softphone parcel named "${props.name}".`);
      softphone.update(props);
      await react.update!(withInstance(props, softphone));
    },
  };
}
