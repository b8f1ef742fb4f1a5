/**
 * MUI's TouchRipple (the press and focus ripple of every button: ~1.5 KB gz with its Ripple and reduced-motion hook)
 * as a lazy chunk (mui-ripple), prefetched when the browser is idle after the UI loads. ButtonBase mounts a button's
 * ripple only at its first press or keyboard focus (MUI's useLazyRipple), so the chunk is there by then in practice;
 * until it is (or if it failed: the next ripple to mount fetches again), a press shows no ripple and nothing else
 * changes. webpack.config.js (muiLazyRippleRule) points ButtonBase's import of TouchRipple here.
 */
import type { TouchRippleActions, TouchRippleProps } from '@mui/material/ButtonBase/TouchRipple';
import { forwardRef, useImperativeHandle, useRef, type ComponentType, type RefAttributes } from 'react';
import { lazyModule } from '../lazy/lazyModule';
import { useLazyModule } from '../lazy/useLazyModule';
import { whenIdle } from '../lazy/whenIdle';

/** TouchRipple is a forwardRef component (its type declares the render function). */
type TouchRippleComponent = ComponentType<TouchRippleProps & RefAttributes<TouchRippleActions>>;

export const touchRipple = lazyModule(() =>
  import(/* webpackChunkName: "mui-ripple" */ '@mui/material/ButtonBase/TouchRipple').then(
    (module) => module.default as unknown as TouchRippleComponent,
  ),
);

/** Fetches the ripple once the first paint is done (a failure is retried by the first ripple that mounts). */
export function prefetchTouchRipple(): () => void {
  return whenIdle(() => void touchRipple.load().catch(() => undefined));
}

/** TouchRipple's own props and actions, forwarded once its chunk is there. */
const LazyTouchRipple = forwardRef<TouchRippleActions, TouchRippleProps>(function LazyTouchRipple(props, ref) {
  const view = useLazyModule(touchRipple);
  const inner = useRef<TouchRippleActions | null>(null);
  useImperativeHandle(
    ref,
    () => ({
      start: (...args) => inner.current?.start(...args),
      stop: (...args) => inner.current?.stop(...args),
      pulsate: (...args) => inner.current?.pulsate(...args),
    }),
    [],
  );
  if (view.kind !== 'loaded') return null;
  const TouchRipple = view.module;
  return <TouchRipple ref={inner} {...props} />;
});

prefetchTouchRipple();

export default LazyTouchRipple;
