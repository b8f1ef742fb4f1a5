/**
 * single-spa parcel lifecycles (bootstrap, mount, unmount AND update) on single-spa-react 6.0.2. Each
 * mounted parcel gets its own SoftphoneInstance keyed by single-spa's unique parcel `name`, so two
 * softphones side by side never share a root, a service or a bus address. The UI and service code load
 * lazily (see runtime.ts) at bootstrap.
 */
import React, { type ReactNode } from 'react';
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

/**
 * Our own error boundary class: given only `errorBoundary`, single-spa-react builds one on the first mount in a
 * closure over that mount's props (its softphone and container), kept as long as the lifecycles live.
 */
function errorBoundaryClass(
  currentRuntime: () => ParcelRuntime | null,
): React.ComponentClass<ParcelRootProps & AppProps> {
  class ParcelErrorBoundary extends React.Component<{ children?: ReactNode }, { error: Error | null }> {
    override state: { error: Error | null } = { error: null };
    static getDerivedStateFromError(error: unknown): { error: Error } {
      return { error: error instanceof Error ? error : new Error(String(error)) };
    }
    override render(): ReactNode {
      const { error } = this.state;
      if (!error) return this.props.children;
      // Rendered only after bootstrap, when the runtime is loaded.
      const runtime = currentRuntime();
      return runtime ? <runtime.ParcelCrash error={error} /> : <p role="alert">{error.message}</p>;
    }
  }
  return ParcelErrorBoundary as unknown as React.ComponentClass<ParcelRootProps & AppProps>;
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
    errorBoundaryClass: errorBoundaryClass(() => runtime),
  });
  const instances = new Map<string, SoftphoneInstance>();
  const containers = new Map<string, HTMLElement>();

  function withInstance(props: LifecycleProps, softphone: SoftphoneInstance | undefined) {
    // single-spa supplies `singleSpa`/`mountParcel` at runtime; our own tests may omit them.
    const emotionCache = runtime?.sharedEmotionCache();
    const container = containers.get(props.name);
    return {
      ...props,
      ...(container && { domElement: container }),
      softphone,
      emotionCache,
    } as unknown as ParcelRootProps & AppProps;
  }

  /**
   * React renders into an element of ours inside the host's, removed at unmount. React never takes its root event
   * listeners (142) off its container, and single-spa 6.0.3 keeps every unmounted root parcel's props, host
   * element included, for the page's life: rendering into the host's element would leave them all behind.
   */
  function openContainer(props: LifecycleProps): void {
    if (!props.domElement) return; // single-spa-react then makes (and keeps) its own element by name
    const container = props.domElement.ownerDocument.createElement('div');
    container.style.display = 'contents'; // no box of its own: the host's layout sees our root as before
    props.domElement.appendChild(container);
    containers.set(props.name, container);
  }
  function closeContainer(name: string): void {
    containers.get(name)?.remove();
    containers.delete(name);
  }

  return {
    bootstrap: (props) => react.bootstrap(withInstance(props, undefined)),
    async mount(props) {
      if (instances.has(props.name)) throw new Error(`A softphone parcel named "${props.name}" is already mounted.`);
      const rt = runtime ?? (runtime = await loadRuntime());
      const softphone = new rt.SoftphoneInstance(props, deps ?? rt.defaultInstanceDeps);
      instances.set(props.name, softphone);
      void softphone.start();
      openContainer(props);
      try {
        await react.mount(withInstance(props, softphone));
        softphone.shown(); // single-spa-react resolves after the root's first commit
      } catch (error) {
        instances.delete(props.name);
        closeContainer(props.name);
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
        closeContainer(props.name);
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
