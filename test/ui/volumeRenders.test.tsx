/**
 * The high-rate level streams (a call's ~20 Hz `volume$`, the microphone's per-frame `micLevel$`) must
 * re-render only the meter components that show them. Proven with React's <Profiler>
 * through SoftphoneApp's `onRender` diagnostics (one Profiler per UI section, never nested).
 */
import { act, screen, within } from '@testing-library/react/pure';
import type { ProfilerOnRenderCallback } from 'react';
import type { SectionId } from '../../src/ui/Profiled';
import { buildCall, buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';
import { preloadLazyUi } from './support/lazyUi';

beforeAll(preloadLazyUi);

it('20 call volume samples re-render the call meters and nothing else', () => {
  jest.useFakeTimers(); // the call timer must not tick during the measurement
  try {
    const counts = new Map<string, number>();
    const onRender: ProfilerOnRenderCallback = (id) => counts.set(id, (counts.get(id) ?? 0) + 1);
    const service = createFakeService(
      buildState({
        calls: [buildCall({ sid: 'CA-1', status: 'open' })],
        activeCallSid: 'CA-1',
        device: { isBusy: true },
      }),
    );
    const { unmount } = renderApp(service, { onRender });

    const mounted: SectionId[] = [
      'header',
      'errors',
      'announcer',
      'dial-pad',
      'feedback',
      'incoming-call',
      'audio-settings',
      'mic-meter',
      'call-body',
      'call-timer',
      'call-input-meter',
      'call-output-meter',
    ];
    for (const id of mounted) expect(counts.get(id)).toBeGreaterThan(0);
    counts.clear();

    for (let i = 1; i <= 20; i += 1) {
      act(() => service.pushVolume({ callSid: 'CA-1', input: i / 20, output: (21 - i) / 20 }));
    }

    expect(Object.fromEntries(counts)).toEqual({ 'call-input-meter': 20, 'call-output-meter': 20 });
    const region = screen.getByRole('region', { name: 'Call to bob' });
    expect(within(region).getByRole('meter', { name: 'Your voice' })).toHaveAttribute('aria-valuenow', '100');
    expect(within(region).getByRole('meter', { name: 'Their voice' })).toHaveAttribute('aria-valuenow', '5');
    // The settings' microphone meter follows micLevel$ only.
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toHaveAttribute('aria-valuenow', '0');

    // Samples of another call move nothing in this call's meters.
    counts.clear();
    act(() => service.pushVolume({ callSid: 'CA-other', input: 0.5, output: 0.5 }));
    expect(Object.fromEntries(counts)).toEqual({});
    unmount();
  } finally {
    jest.useRealTimers();
  }
});

it('a call state change re-renders the call body but not the header or dial pad', () => {
  const counts = new Map<string, number>();
  const onRender: ProfilerOnRenderCallback = (id) => counts.set(id, (counts.get(id) ?? 0) + 1);
  const call = buildCall({ sid: 'CA-1', status: 'open' });
  const service = createFakeService(buildState({ calls: [call], activeCallSid: 'CA-1', device: { isBusy: true } }));
  const { unmount } = renderApp(service, { onRender });
  counts.clear();
  act(() => service.setState((s) => ({ ...s, calls: [{ ...call, muted: true }] })));
  // (MUI's form controls may add a follow-up commit inside the body; what matters is who else renders.)
  expect(counts.get('call-body')).toBeGreaterThan(0);
  expect(counts.has('header')).toBe(false);
  expect(counts.has('dial-pad')).toBe(false);
  expect(counts.has('audio-settings')).toBe(false);
  unmount();
});

it('20 microphone level samples re-render the microphone meter and nothing else, in or out of a call', () => {
  jest.useFakeTimers(); // the call timer must not tick during the measurement
  try {
    const counts = new Map<string, number>();
    const onRender: ProfilerOnRenderCallback = (id) => counts.set(id, (counts.get(id) ?? 0) + 1);
    const call = buildCall({ sid: 'CA-1', status: 'open' });
    const service = createFakeService(buildState());
    const { unmount } = renderApp(service, { onRender });
    const meter = screen.getByRole('meter', { name: 'Microphone level' });

    counts.clear();
    for (let i = 1; i <= 20; i += 1) act(() => service.pushMicLevel(i / 20));
    expect(Object.fromEntries(counts)).toEqual({ 'mic-meter': 20 });
    expect(meter).toHaveAttribute('aria-valuenow', '100');

    // A level that rounds to the shown percent renders nothing.
    counts.clear();
    act(() => service.pushMicLevel(0.999));
    expect(Object.fromEntries(counts)).toEqual({});

    act(() =>
      service.setState((s) => ({ ...s, calls: [call], activeCallSid: 'CA-1', device: { ...s.device, isBusy: true } })),
    );
    counts.clear();
    for (let i = 1; i <= 20; i += 1) act(() => service.pushMicLevel(i / 40));
    expect(Object.fromEntries(counts)).toEqual({ 'mic-meter': 20 });
    expect(meter).toHaveAttribute('aria-valuenow', '50');
    unmount();
  } finally {
    jest.useRealTimers();
  }
});
