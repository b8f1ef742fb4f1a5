/**
 * single-spa parcel lifecycles (bootstrap, mount, unmount AND update) on single-spa-react 6.0.2. Each
 * mounted parcel gets its own SoftphoneInstance keyed by single-spa's unique parcel `name`, so two
 * softphones side by side never share a root, a service or a bus address.
 */
import React from 'react';
import ReactDOMClient from 'react-dom/client';
import type { AppProps } from 'single-spa';
import singleSpaReact from 'single-spa-react';
import { attachToBus } from '../bus/host';
import { createVoiceService } from '../voice/createVoiceService';
import { loadClientConfig } from './clientConfig';
import { SoftphoneInstance, type InstanceDeps } from './instance';
import { ParcelCrash, ParcelRoot, type ParcelRootProps } from './ParcelRoot';

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

export const defaultInstanceDeps: InstanceDeps = {
  createService: (config) => createVoiceService(config),
  attachToBus: (service) => attachToBus(service),
  loadClientConfig: (url) => loadClientConfig(url),
  warn: (message) => console.error(`[@switchboard/softphone] ${message}`),
};

/** Builds an independent set of lifecycles; tests inject a fake service through `deps`. */
export function createParcelLifecycles(deps: InstanceDeps = defaultInstanceDeps): ParcelLifecycles {
  const react = singleSpaReact<ParcelRootProps>({
    React,
    ReactDOMClient,
    rootComponent: ParcelRoot,
    errorBoundary: (error: Error) => <ParcelCrash error={error} />,
  });
  const instances = new Map<string, SoftphoneInstance>();

  function withInstance(props: LifecycleProps, softphone: SoftphoneInstance) {
    // single-spa supplies `singleSpa`/`mountParcel` at runtime; our own tests may omit them.
    return { ...props, softphone } as unknown as ParcelRootProps & AppProps;
  }

  return {
    bootstrap: (props) => react.bootstrap(withInstance(props, undefined as never)),
    async mount(props) {
      if (instances.has(props.name)) throw new Error(`A softphone parcel named "${props.name}" is already mounted.`);
      const softphone = new SoftphoneInstance(props, deps);
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
        await react.unmount(withInstance(props, softphone as SoftphoneInstance));
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
