import { act, cleanup, render, screen, within } from '@testing-library/react/pure';
import createCache from '@emotion/cache';
import { StrictMode } from 'react';
import { SoftphoneApp } from '../../src/ui/SoftphoneApp';
import { buildCall, buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';
import { preloadLazyUi } from './support/lazyUi';

beforeAll(preloadLazyUi);

function emotionRules(): string[] {
  return Array.from(document.head.querySelectorAll('style[data-emotion]')).flatMap((style) => {
    const sheet = (style as HTMLStyleElement).sheet;
    const rules = sheet ? Array.from(sheet.cssRules).map((rule) => rule.cssText) : [];
    return rules.length > 0 ? rules : [style.textContent ?? ''];
  });
}

afterEach(cleanup);

const flushMicrotasks = () => act(() => Promise.resolve());

describe('SoftphoneApp', () => {
  it('renders a region named after the instance with its own emotion cache key', () => {
    const { unmount } = renderApp();
    expect(screen.getByRole('region', { name: 'Softphone alice' })).toBeInTheDocument();
    const styles = Array.from(document.head.querySelectorAll('style[data-emotion]'));
    expect(styles.length).toBeGreaterThan(0);
    expect(styles.every((style) => style.getAttribute('data-emotion')?.startsWith('switchboard'))).toBe(true);
    unmount();
  });

  it('never styles the host page: no rule targets html, body or bare elements outside its classes', () => {
    const { unmount } = renderApp();
    const selectors = emotionRules()
      .map((rule) => rule.slice(0, rule.indexOf('{')).trim())
      .filter((selector) => selector && !selector.startsWith('@'));
    expect(selectors.length).toBeGreaterThan(0);
    // Every selector (each part of a list) must hit an element carrying one of our own classes.
    for (const part of selectors.flatMap((selector) => selector.split(','))) {
      expect(part).toMatch(/\.switchboard-/);
      expect(part).not.toMatch(/(^|\s)(html|body)\b/);
    }
    unmount();
  });

  it('leaves no subscriptions and no style elements behind when unmounted', async () => {
    const service = createFakeService(
      buildState({
        calls: [
          buildCall(),
          buildCall({ sid: 'CA-in', direction: 'incoming', status: 'pending', from: 'client:carol' }),
        ],
      }),
    );
    const { unmount } = renderApp(service);
    expect(service.subscriberCounts().state).toBeGreaterThan(0);
    expect(service.subscriberCounts().volume).toBeGreaterThan(0);
    expect(service.subscriberCounts().micLevel).toBe(1);
    unmount();
    await flushMicrotasks();
    expect(service.subscriberCounts()).toEqual({ state: 0, volume: 0, micLevel: 0, events: 0 });
    expect(document.head.querySelectorAll('style[data-emotion^="switchboard"]')).toHaveLength(0);
  });

  it('keeps its styles through StrictMode double effects and cleans up afterwards', async () => {
    const service = createFakeService();
    const { unmount } = render(
      <StrictMode>
        <SoftphoneApp service={service} />
      </StrictMode>,
    );
    await flushMicrotasks();
    expect(document.head.querySelectorAll('style[data-emotion^="switchboard"]').length).toBeGreaterThan(0);
    unmount();
    await flushMicrotasks();
    expect(service.subscriberCounts().state).toBe(0);
    expect(document.head.querySelectorAll('style[data-emotion^="switchboard"]')).toHaveLength(0);
  });

  it('uses a given emotion cache and leaves it to its owner', async () => {
    const cache = createCache({ key: 'hostcache' });
    const { unmount } = renderApp(undefined, { emotionCache: cache });
    expect(document.head.querySelectorAll('style[data-emotion^="hostcache"]').length).toBeGreaterThan(0);
    unmount();
    await flushMicrotasks();
    expect(document.head.querySelectorAll('style[data-emotion^="hostcache"]').length).toBeGreaterThan(0);
    cache.sheet.flush();
  });

  it('mounts two softphones side by side, each showing its own service', () => {
    const alice = createFakeService();
    const bob = createFakeService(buildState({ instance: 'bob', device: { identity: 'bob', state: 'unregistered' } }));
    const { unmount } = render(
      <>
        <SoftphoneApp service={alice} compact />
        <SoftphoneApp service={bob} compact />
      </>,
    );
    const aliceRegion = screen.getByRole('region', { name: 'Softphone alice' });
    const bobRegion = screen.getByRole('region', { name: 'Softphone bob' });
    expect(within(aliceRegion).getByRole('status', { name: 'Registration state' })).toHaveTextContent('Ready');
    expect(within(bobRegion).getByRole('status', { name: 'Registration state' })).toHaveTextContent('Offline');
    unmount();
  });

  it('applies theme overrides', () => {
    const { unmount } = renderApp(undefined, { theme: { palette: { success: { main: '#004d00' } } } });
    const call = screen.getByRole('button', { name: 'Call' });
    expect(call).toBeInTheDocument();
    expect(emotionRules().some((rule) => rule.includes('#004d00') || rule.includes('rgb(0, 77, 0)'))).toBe(true);
    unmount();
  });

  it('collapses audio settings in compact layout until expanded', async () => {
    const { unmount } = renderApp(undefined, { compact: true });
    const toggle = screen.getByRole('button', { name: 'Audio settings' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('combobox', { name: 'Microphone' })).not.toBeInTheDocument();
    act(() => toggle.click());
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('combobox', { name: 'Microphone' })).toBeInTheDocument();
    unmount();
  });
});
