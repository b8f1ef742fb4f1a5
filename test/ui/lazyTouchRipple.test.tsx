/**
 * The buttons' press ripple as a lazy chunk (src/ui/components/LazyTouchRipple.tsx, in ButtonBase's place of MUI's
 * TouchRipple in the build): nothing and no error before the chunk is there, then MUI's own ripple, driven through
 * the same actions ButtonBase calls; the chunk is asked for when the browser is idle.
 */
import type { TouchRippleActions } from '@mui/material/ButtonBase/TouchRipple';
import { act, render, waitFor } from '@testing-library/react';
import { createRef } from 'react';
import LazyTouchRipple, { touchRipple } from '../../src/ui/components/LazyTouchRipple';
import { whenIdle } from '../../src/ui/lazy/whenIdle';

jest.mock('../../src/ui/lazy/whenIdle', () => ({ whenIdle: jest.fn(() => () => undefined) }));
const idleWork = (): Array<() => void> => jest.mocked(whenIdle).mock.calls.map(([callback]) => callback);

describe('the lazy touch ripple', () => {
  it('renders nothing and ignores actions until its chunk is there, then is MUI’s ripple', async () => {
    const ref = createRef<TouchRippleActions>();
    const { container } = render(
      <span>
        <LazyTouchRipple ref={ref} center />
      </span>,
    );
    expect(container.querySelector('.MuiTouchRipple-root')).toBeNull();
    expect(() => act(() => ref.current?.start(undefined, { center: true }))).not.toThrow();
    await act(async () => void (await touchRipple.load())); // the load the component started
    expect(container.querySelector('.MuiTouchRipple-root')).not.toBeNull();
    act(() => ref.current?.start(undefined, { center: true }));
    await waitFor(() => expect(container.querySelector('.MuiTouchRipple-ripple')).not.toBeNull());
    act(() => ref.current?.stop());
  });

  it('is prefetched when the browser is idle after the UI loads', async () => {
    expect(idleWork()).toHaveLength(1); // asked for when the module (the UI chunk) loaded
    for (const work of idleWork()) work();
    await waitFor(() => expect(touchRipple.loaded()).not.toBeNull());
  });
});
