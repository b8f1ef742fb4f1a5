// Mount benchmark page for the BUILT module: loads @switchboard/softphone and single-spa through SystemJS and the
// build's import map (as the demo shell does) and mounts the real parcel (real VoiceService, real SDK, local
// gateway) with mountRootParcel. Exposes `window.mountBench`. Uses only the DOM and the bus's CustomEvents to see
// progress, like a host would.
import type { ReactNode } from 'react';
import { whenDialPadInteractive } from './dialPad';
import { captureTree, countElements, toElements, type StaticNode } from './staticTree';

interface SystemJs {
  import(specifier: string): Promise<unknown>;
}
interface Parcel {
  mountPromise: Promise<void>;
  unmount(): Promise<void>;
}
interface SingleSpa {
  mountRootParcel(config: unknown, props: Record<string, unknown>): Parcel;
}
interface ReactModule {
  createElement(type: string, props: Record<string, unknown> | null, ...children: ReactNode[]): ReactNode;
}
interface ReactDomClient {
  createRoot(container: HTMLElement): { render(node: ReactNode): void; unmount(): void };
}
declare const System: SystemJs;

/** The parcel's DOM at its first interactive moment: the baseline renders the same tree statically. */
let captured: StaticNode | null = null;

/** Resolves when `identity` publishes a state whose Device is registered (bus `softphone:state`). */
function whenRegistered(identity: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: Event): void => {
      const detail = (event as CustomEvent<{ instance?: string; device?: { state?: string } }>).detail;
      if (detail?.instance !== identity || detail.device?.state !== 'registered') return;
      window.removeEventListener('softphone:state', listener);
      resolve();
    };
    window.addEventListener('softphone:state', listener);
  });
}

const mountBench = {
  /**
   * Mounts, waits for the dial pad to be interactive (performance.mark around mountRootParcel), waits for the
   * Device to register, unmounts. The first run includes loading the module's chunks.
   */
  async run(runs: number, identity: string): Promise<Array<{ interactive: number; registered: number }>> {
    const singleSpa = (await System.import('single-spa')) as SingleSpa;
    const slot = document.getElementById('root') as HTMLElement;
    const results: Array<{ interactive: number; registered: number }> = [];
    for (let i = 0; i < runs; i += 1) {
      const domElement = document.createElement('div');
      slot.appendChild(domElement);
      const registered = whenRegistered(identity);
      performance.mark('mount-start');
      const parcel = singleSpa.mountRootParcel(() => System.import('@switchboard/softphone'), { domElement, identity });
      await whenDialPadInteractive(domElement);
      performance.mark('dial-pad-interactive');
      captured ??= captureTree(domElement);
      const interactive = performance.measure(
        'mount → dial pad interactive',
        'mount-start',
        'dial-pad-interactive',
      ).duration;
      await registered;
      const registeredMs = performance.now() - (performance.getEntriesByName('mount-start').pop()?.startTime ?? 0);
      await parcel.mountPromise;
      await parcel.unmount();
      domElement.remove();
      performance.clearMarks();
      performance.clearMeasures();
      results.push({ interactive, registered: registeredMs });
    }
    return results;
  },

  /**
   * The baseline: the same React (the import map's) renders the captured parcel DOM as a static tree into a fresh
   * root, timed the same way (mark → the dial textbox is in the DOM and enabled). Returns ms per run.
   */
  async staticRender(runs: number): Promise<{ samples: number[]; elements: number }> {
    if (!captured) throw new Error('mount the parcel once first: the baseline renders its captured DOM');
    const react = (await System.import('react')) as ReactModule;
    const { createRoot } = (await System.import('react-dom/client')) as ReactDomClient;
    const slot = document.getElementById('root') as HTMLElement;
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const domElement = document.createElement('div');
      slot.appendChild(domElement);
      performance.mark('static-start');
      const t0 = performance.now();
      const root = createRoot(domElement);
      root.render(toElements(captured, react.createElement));
      await whenDialPadInteractive(domElement);
      samples.push(performance.now() - t0);
      performance.mark('static-interactive'); // with static-start: the window a trace reads (lib/trace.ts)
      root.unmount();
      domElement.remove();
      performance.clearMarks();
    }
    return { samples, elements: countElements(captured) };
  },
};

(window as unknown as { mountBench: typeof mountBench }).mountBench = mountBench;
export type MountBench = typeof mountBench;
