/**
 * The module's parcel lifecycles as single-spa uses them: mountRootParcel, update, unmount; two softphones
 * side by side; prop validation; and that mounting and unmounting leaves nothing behind.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { mountRootParcel, type Parcel, type ParcelConfig } from 'single-spa';
import { attachToBus } from '../../src/bus/host';
import { createParcelLifecycles } from '../../src/parcel/lifecycles';
import type { InstanceDeps } from '../../src/parcel/instance';
import type { VoiceServiceConfig } from '../../src/voice/config';
import { FakeSoftphoneService } from '../../src/contract/testing';
import { serviceRecordingStarts } from './support/serviceStarts';

interface Harness {
  lifecycles: ParcelConfig<Record<string, unknown>>;
  services: FakeSoftphoneService[];
  configs: VoiceServiceConfig[];
  warnings: string[];
}

function createHarness(): Harness {
  const services: FakeSoftphoneService[] = [];
  const configs: VoiceServiceConfig[] = [];
  const warnings: string[] = [];
  const deps: InstanceDeps = {
    createService(config) {
      configs.push(config);
      const service = new FakeSoftphoneService(config.identity, { device: { edge: 'local', tokenExpiresAt: null } });
      services.push(service);
      return service;
    },
    attachToBus: (service) => attachToBus(service),
    loadClientConfig: async () => ({ ok: true, config: { mode: 'local', device: { chunderw: 'localhost:9000' } } }),
    warn: (m) => warnings.push(m),
  };
  // mountRootParcel supplies `name`; the config's own prop type does not need to say so.
  const lifecycles = createParcelLifecycles(deps) as unknown as ParcelConfig<Record<string, unknown>>;
  return { lifecycles, services, configs, warnings };
}

function slot(id: string): HTMLElement {
  const el = document.createElement('div');
  el.id = id;
  document.body.appendChild(el);
  return el;
}

async function mountPhone(h: Harness, identity: string, extra: Record<string, unknown> = {}) {
  const domElement = slot(`phone-${identity}-${Math.random().toString(36).slice(2)}`);
  const parcel = mountRootParcel(h.lifecycles, { domElement, identity, ...extra });
  await parcel.mountPromise;
  return { parcel, domElement };
}

function sendCommand(detail: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onReply = (e: Event) => {
      const reply = (e as CustomEvent<Record<string, unknown>>).detail;
      if (reply.id !== detail.id) return;
      window.removeEventListener('softphone:reply', onReply);
      resolve(reply);
    };
    window.addEventListener('softphone:reply', onReply);
    window.dispatchEvent(new CustomEvent('softphone:command', { detail }));
  });
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the softphone parcel', () => {
  it('exports all four lifecycles, including update', () => {
    const lifecycles = createParcelLifecycles();
    expect(typeof lifecycles.bootstrap).toBe('function');
    expect(typeof lifecycles.mount).toBe('function');
    expect(typeof lifecycles.unmount).toBe('function');
    expect(typeof lifecycles.update).toBe('function');
  });

  it('mounts two softphones side by side with separate services and bus addresses', async () => {
    const h = createHarness();
    const alice = await mountPhone(h, 'alice');
    const bob = await mountPhone(h, 'bob');
    await waitFor(() => expect(h.services).toHaveLength(2));
    await waitFor(() => expect(within(alice.domElement).getAllByText(/alice/).length).toBeGreaterThan(0));
    await waitFor(() => expect(within(bob.domElement).getAllByText(/bob/).length).toBeGreaterThan(0));
    expect(within(alice.domElement).queryByText(/\bbob\b/)).toBeNull();

    const reply = await sendCommand({ v: 1, id: 'c1', type: 'dial', to: 'client:carol', target: 'bob' });
    expect(reply).toMatchObject({ ok: true, instance: 'bob' });
    expect(h.services[1]!.invocations.map((i) => i.method)).toContain('dial');
    expect(h.services[0]!.invocations.map((i) => i.method)).not.toContain('dial');

    const ambiguous = await sendCommand({ v: 1, id: 'c2', type: 'hangupAll' });
    expect(ambiguous).toMatchObject({ ok: false, error: { code: 'ambiguous_target' } });

    await alice.parcel.unmount();
    await bob.parcel.unmount();
  });

  it('passes the deployment config from configUrl to the service, and explicit gateway props win', async () => {
    const h = createHarness();
    const a = await mountPhone(h, 'alice');
    await waitFor(() => expect(h.configs).toHaveLength(1));
    expect(h.configs[0]!.gateway).toEqual({ chunderw: 'localhost:9000' });
    const b = await mountPhone(h, 'bob', { gateway: { chunderw: 'gw.example:443' } });
    await waitFor(() => expect(h.configs).toHaveLength(2));
    expect(h.configs[1]!.gateway).toEqual({ chunderw: 'gw.example:443' });
    await a.parcel.unmount();
    await b.parcel.unmount();
  });

  it('renders the phone in the first frame when the deployment config is already known', async () => {
    const h = createHarness();
    const domElement = slot('phone-direct');
    const parcel = mountRootParcel(h.lifecycles, {
      domElement,
      identity: 'alice',
      gateway: { chunderw: 'localhost:9000' },
    });
    await parcel.mountPromise;
    // No loading indicator was needed: the service existed before React rendered.
    expect(h.services).toHaveLength(1);
    expect(within(domElement).queryByRole('status', { name: /loading/i })).toBeNull();
    expect(within(domElement).getByRole('region', { name: 'Softphone alice' })).toBeInTheDocument();
    await parcel.unmount();
  });

  it('starts the service after the first frame, and answers a command sent before that exactly once', async () => {
    const h = createHarness();
    const phoneShownAtStart: boolean[] = [];
    const replies: Array<Record<string, unknown>> = [];
    const onReply = (e: Event) => {
      const reply = (e as CustomEvent<Record<string, unknown>>).detail;
      if (reply.id === 'early') replies.push(reply);
    };
    window.addEventListener('softphone:reply', onReply);
    const lifecycles = createParcelLifecycles({
      createService(config) {
        const service = serviceRecordingStarts(config.identity, phoneShownAtStart);
        h.services.push(service);
        return service;
      },
      attachToBus(service) {
        const detach = attachToBus(service);
        // On the bus before it starts: a sibling's command now must still get its one reply.
        window.dispatchEvent(new CustomEvent('softphone:command', { detail: { v: 1, id: 'early', type: 'register' } }));
        return detach;
      },
      loadClientConfig: async () => ({ ok: false, message: 'not used' }),
      warn: (m) => h.warnings.push(m),
    }) as unknown as ParcelConfig<Record<string, unknown>>;
    const domElement = slot('phone-first-frame');
    const parcel = mountRootParcel(lifecycles, { domElement, identity: 'alice', gateway: { chunderw: 'x:1' } });
    await parcel.mountPromise;
    await waitFor(() => expect(phoneShownAtStart).toEqual([true]));
    await waitFor(() => expect(h.services[0]!.getState().device.state).toBe('registered'));
    await waitFor(() => expect(replies).toHaveLength(1));
    expect(replies[0]).toMatchObject({ v: 1, id: 'early', instance: 'alice' });
    await parcel.unmount();
    window.removeEventListener('softphone:reply', onReply);
    expect(replies).toHaveLength(1);
  });

  it('refuses invalid props with a visible explanation instead of crashing the host', async () => {
    const h = createHarness();
    const { parcel, domElement } = await mountPhone(h, 'not a valid identity!');
    expect(within(domElement).getByRole('alert')).toHaveTextContent(/identity/);
    expect(h.services).toHaveLength(0);
    expect(h.warnings.join(' ')).toMatch(/identity/);
    await parcel.unmount();
  });

  it('applies render-only updates at once without replacing the service', async () => {
    const h = createHarness();
    const { parcel } = await mountPhone(h, 'alice');
    await waitFor(() => expect(h.services).toHaveLength(1));
    await parcel.update!({ identity: 'alice', compact: true });
    expect(h.services).toHaveLength(1);
    expect(h.services[0]!.getState().device.state).toBe('registered');
    await parcel.unmount();
  });

  it('switches identity on update only after the call in progress ends', async () => {
    const h = createHarness();
    const { parcel, domElement } = await mountPhone(h, 'alice');
    await waitFor(() => expect(h.services).toHaveLength(1));
    const alice = h.services[0]!;
    const { callSid } = await alice.dial('client:bob');
    alice.answerOutgoing(callSid);

    await parcel.update!({ identity: 'alice2' });
    expect(h.services).toHaveLength(1);
    expect(alice.getState().device.state).toBe('registered');

    await alice.hangup(callSid);
    await waitFor(() => expect(h.services).toHaveLength(2));
    expect(alice.getState().device.state).toBe('destroyed');
    expect(h.services[1]!.instance).toBe('alice2');
    await waitFor(() => expect(within(domElement).getAllByText(/alice2/).length).toBeGreaterThan(0));
    await parcel.unmount();
    expect(h.services[1]!.getState().device.state).toBe('destroyed');
  });

  it('leaves no listeners, subscriptions or DOM behind, and no growing styles, after 100 mount/unmount cycles', async () => {
    const h = createHarness();
    const added = new Map<string, number>();
    const addSpy = jest.spyOn(window, 'addEventListener').mockImplementation(function (
      this: Window,
      type,
      listener,
      options,
    ) {
      added.set(type, (added.get(type) ?? 0) + 1);
      return EventTarget.prototype.addEventListener.call(this, type, listener, options);
    });
    const removeSpy = jest.spyOn(window, 'removeEventListener').mockImplementation(function (
      this: Window,
      type,
      listener,
      options,
    ) {
      added.set(type, (added.get(type) ?? 0) - 1);
      return EventTarget.prototype.removeEventListener.call(this, type, listener, options);
    });
    let stylesAfterFirstCycle = -1;
    try {
      for (let i = 0; i < 100; i++) {
        const domElement = slot('cycle');
        const parcel: Parcel = mountRootParcel(h.lifecycles, { domElement, identity: `user${i}` });
        await parcel.mountPromise;
        await waitFor(() => expect(h.services).toHaveLength(i + 1));
        await parcel.unmount();
        expect(domElement.childElementCount).toBe(0);
        domElement.remove();
        // Parcels share one emotion cache for the page's life: its rules are reused, never duplicated.
        if (i === 0) stylesAfterFirstCycle = document.head.querySelectorAll('style').length;
      }
      for (const service of h.services) {
        expect(service.getState().device.state).toBe('destroyed');
        expect(service.subscriberCount).toBe(0);
      }
      const leaked = [...added.entries()].filter(([, n]) => n !== 0);
      expect(leaked).toEqual([]);
      expect(document.head.querySelectorAll('style').length).toBeLessThanOrEqual(stylesAfterFirstCycle);
      expect(screen.queryAllByRole('region')).toHaveLength(0);
    } finally {
      addSpy.mockRestore();
      removeSpy.mockRestore();
    }
  }, 120_000);
});
