// UI benchmark page: React render counts of the real SoftphoneApp during a call with a 20 Hz volume stream,
// and repeated parcel mount/unmount cycles through single-spa's mountRootParcel with the project's own parcel
// lifecycles (createParcelLifecycles) and bus host, over the fake service (src/contract/testing, `record` mode). Exposes `window.uiBench`.
import { listenersByTarget, pendingTimerSites, setTraceTimers, snapshot, type ResourceSnapshot } from './instrument';
import createCache, { type EmotionCache } from '@emotion/cache';
import { createElement, type ProfilerOnRenderCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { mountRootParcel, type AppProps, type ParcelConfig } from 'single-spa';
import { attachToBus } from '../../src/bus/host';
import { createParcelLifecycles } from '../../src/parcel/lifecycles';
import { SoftphoneApp } from '../../src/ui/SoftphoneApp';
import { whenDialPadInteractive } from './dialPad';
import { buildCall, FakeSoftphoneService, type SoftphoneStateOverrides } from '../../src/contract/testing';

/** The SDK-less service: commands resolve at once, the state changes only when the page sets it. */
const benchService = (identity: string, initial: SoftphoneStateOverrides = {}): FakeSoftphoneService =>
  new FakeSoftphoneService(identity, initial, { commands: 'record' });

/**
 * How a cycle mounts: through single-spa (what hosts do), through the parcel lifecycles called directly (no
 * single-spa), or SoftphoneApp on a bare React root (no parcel). The variants bisect where a leak lives.
 */
export type CycleVariant = 'single-spa' | 'single-spa-child' | 'lifecycles' | 'react' | 'react-shared-cache';

/**
 * The mounting path recommended to hosts that mount often: a parcel of theirs that lives as long as the page
 * (an application would do the same) mounts the softphone with its own `mountParcel`. single-spa removes such
 * child parcels on unmount, unlike root parcels.
 */
let hostMountParcel: AppProps['mountParcel'] | null = null;
async function hostParcelMounter(): Promise<AppProps['mountParcel']> {
  if (hostMountParcel) return hostMountParcel;
  const holder = document.createElement('div');
  document.body.appendChild(holder);
  await new Promise<void>((resolve) => {
    const host: ParcelConfig = {
      bootstrap: async () => undefined,
      mount: async (props) => {
        hostMountParcel = (props as AppProps).mountParcel;
        resolve();
      },
      unmount: async () => undefined,
    };
    mountRootParcel(host, { domElement: holder });
  });
  return hostMountParcel as unknown as AppProps['mountParcel'];
}

/** One emotion cache for every mount of the page (SoftphoneApp's `emotionCache` prop), for the comparison. */
let sharedCache: EmotionCache | null = null;

async function mountOnce(
  variant: CycleVariant,
  config: ParcelConfig,
  lifecycles: ReturnType<typeof createParcelLifecycles>,
  domElement: HTMLElement,
  i: number,
): Promise<() => Promise<void>> {
  if (variant === 'single-spa') {
    const parcel = mountRootParcel(config, { domElement, identity: 'alice', configUrl: null });
    await parcel.mountPromise;
    return async () => {
      await parcel.unmount();
    };
  }
  if (variant === 'single-spa-child') {
    const mountParcel = await hostParcelMounter();
    const parcel = mountParcel(config, { domElement, identity: 'alice', configUrl: null });
    await parcel.mountPromise;
    return async () => {
      await parcel.unmount();
    };
  }
  if (variant === 'lifecycles') {
    const props = { name: `bench-${i}`, domElement, identity: 'alice', configUrl: null };
    if (i === 1) await lifecycles.bootstrap(props);
    await lifecycles.mount(props);
    return () => lifecycles.unmount(props);
  }
  const service = benchService('alice');
  const root = createRoot(domElement);
  if (variant === 'react-shared-cache') sharedCache ??= createCache({ key: 'switchboard' });
  root.render(
    createElement(SoftphoneApp, {
      service,
      ...(variant === 'react-shared-cache' && sharedCache ? { emotionCache: sharedCache } : {}),
    }),
  );
  return async () => {
    root.unmount();
    service.destroy();
  };
}

/** Lets the bench take a heap snapshot (bench/lib/heapBreakdown.ts) after `cycle`, when it exposed the hook. */
async function heapCheckpoint(cycle: number): Promise<void> {
  await (window as { benchHeapCheckpoint?: (cycle: number) => Promise<void> }).benchHeapCheckpoint?.(cycle);
}

/** Longer than single-spa's lifecycle watchdog timeouts (3 s mount/unmount, 4 s bootstrap), which keep props alive. */
const SETTLE_MS = 4500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const uiBench = {
  /**
   * Renders SoftphoneApp for a call that is open, pushes volume samples at `hz` for `seconds`, and returns the
   * React Profiler commit counts per UI section during that window (after the mount has settled).
   */
  async renders(
    seconds: number,
    hz: number,
  ): Promise<{ counts: Record<string, number>; elapsedS: number; samples: number }> {
    const host = document.getElementById('root') as HTMLElement;
    const call = buildCall({ sid: 'CA-1', twilioCallSid: 'CA-1', to: 'client:bob' });
    const service = benchService('alice', { calls: [call], activeCallSid: 'CA-1', device: { isBusy: true } });
    const counts: Record<string, number> = {};
    let counting = false;
    const onRender: ProfilerOnRenderCallback = (id) => {
      if (counting) counts[id] = (counts[id] ?? 0) + 1;
    };
    const root = createRoot(host);
    root.render(createElement(SoftphoneApp, { service, onRender }));
    await sleep(500);
    counting = true;
    const t0 = performance.now();
    let samples = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        samples += 1;
        service.pushVolume({ callSid: 'CA-1', input: (samples % 20) / 20, output: ((samples + 10) % 20) / 20 });
        if (samples >= seconds * hz) {
          clearInterval(timer);
          resolve();
        }
      }, 1000 / hz);
    });
    const elapsedS = (performance.now() - t0) / 1000;
    counting = false;
    root.unmount();
    service.destroy();
    return { counts, elapsedS, samples };
  },

  /**
   * Where a mount's render time goes: SoftphoneApp on a bare React root with the page-wide emotion cache (as the
   * parcel mounts it), `count` times, with React's Profiler on every section (needs the profiling build). Returns
   * the mean render ms per section at mount and the mean mount → interactive ms; the rest (providers, theme,
   * layout, unprofiled sections) is the difference.
   */
  async mountSections(count: number): Promise<{ sections: Record<string, number>; interactive: number }> {
    sharedCache ??= createCache({ key: 'switchboard' });
    const sums: Record<string, number> = {};
    let counting = false;
    const onRender: ProfilerOnRenderCallback = (id, phase, actualDuration) => {
      if (counting && phase === 'mount') sums[id] = (sums[id] ?? 0) + actualDuration;
    };
    const slot = document.getElementById('root') as HTMLElement;
    let interactive = 0;
    for (let i = 0; i < count + 1; i += 1) {
      counting = i > 0; // the first mount warms the style cache and the JIT
      const domElement = document.createElement('div');
      slot.appendChild(domElement);
      const service = benchService('alice');
      const root = createRoot(domElement);
      const t0 = performance.now();
      root.render(createElement(SoftphoneApp, { service, emotionCache: sharedCache, onRender }));
      await whenDialPadInteractive(domElement);
      if (counting) interactive += performance.now() - t0;
      root.unmount();
      service.destroy();
      domElement.remove();
    }
    const sections = Object.fromEntries(Object.entries(sums).map(([id, ms]) => [id, ms / count]));
    return { sections, interactive: interactive / count };
  },

  /** `count` mount → interactive → unmount cycles with no snapshots (for CPU profiles); returns mount ms. */
  async mountCycles(count: number, variant: CycleVariant): Promise<number[]> {
    const lifecycles = createParcelLifecycles({
      createService: (config) => benchService(config.identity),
      attachToBus: (service) => attachToBus(service),
      loadClientConfig: async () => ({ ok: false, message: 'not used: configUrl is null' }),
      warn: (message) => console.warn(message),
    });
    const slot = document.getElementById('root') as HTMLElement;
    const times: number[] = [];
    for (let i = 1; i <= count; i += 1) {
      const domElement = document.createElement('div');
      slot.appendChild(domElement);
      const t0 = performance.now();
      const unmount = await mountOnce(variant, lifecycles as unknown as ParcelConfig, lifecycles, domElement, i);
      await whenDialPadInteractive(domElement);
      times.push(performance.now() - t0);
      await unmount();
      domElement.remove();
    }
    return times;
  },

  /**
   * `cycles` mount/unmount cycles of one parcel at a time; each waits for the dial pad to be interactive. Returns
   * resource snapshots (after `warmup` cycles, then every `every` cycles) and each cycle's mount → interactive ms.
   */
  async cycles(
    cycles: number,
    warmup: number,
    every: number,
    variant: CycleVariant = 'single-spa',
  ): Promise<{
    snapshots: Array<{ after: number } & ResourceSnapshot>;
    mountMs: number[];
    before: ResourceSnapshot;
    timerSites: Array<[string, number]>;
    listenerDiff: Record<string, number>;
  }> {
    const before = await snapshot();
    const lifecycles = createParcelLifecycles({
      createService: (config) => benchService(config.identity),
      attachToBus: (service) => attachToBus(service),
      loadClientConfig: async () => ({ ok: false, message: 'not used: configUrl is null' }),
      warn: (message) => console.warn(message),
    });
    const config = lifecycles as unknown as ParcelConfig;
    const slot = document.getElementById('root') as HTMLElement;
    const snapshots: Array<{ after: number } & ResourceSnapshot> = [];
    const mountMs: number[] = [];
    let baselineListeners: Record<string, number> = {};
    for (let i = 1; i <= cycles; i += 1) {
      const domElement = document.createElement('div');
      slot.appendChild(domElement);
      const t0 = performance.now();
      const unmount = await mountOnce(variant, config, lifecycles, domElement, i);
      await whenDialPadInteractive(domElement);
      mountMs.push(performance.now() - t0);
      await unmount();
      domElement.remove();
      if (i === warmup || (i > warmup && (i - warmup) % every === 0) || i === cycles) {
        snapshots.push({ after: i, ...(await snapshot(SETTLE_MS)) });
        if (i === warmup) {
          setTraceTimers(true);
          baselineListeners = listenersByTarget();
        }
        // After the reading, so it cannot disturb it (readings with and without snapshots agree within 0.05 MB).
        await heapCheckpoint(i);
      }
    }
    setTraceTimers(false);
    // Listeners by target and type that are more numerous than at the baseline.
    const listenerDiff: Record<string, number> = {};
    for (const [label, n] of Object.entries(listenersByTarget())) {
      const extra = n - (baselineListeners[label] ?? 0);
      if (extra > 0) listenerDiff[label] = extra;
    }
    return { snapshots, mountMs, before, timerSites: pendingTimerSites(), listenerDiff };
  },
};

(window as unknown as { uiBench: typeof uiBench }).uiBench = uiBench;
export type UiBench = typeof uiBench;
