/**
 * The keypad's keys with their look as one class per theme (keypadKeyStyle.ts) against MUI's own outlined Button with
 * the keypad's sx, which the keys keep for themes that restyle buttons: the same DOM, the same computed CSS in each
 * state, the same rules for the states jsdom does not compute (hover), the keyboard focus ring class, one rule set per
 * cache however many keys and mounts.
 */
import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import { createTheme, ThemeProvider, type Theme } from '@mui/material/styles';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { Keypad, KEYPAD_KEYS } from '../../src/ui/components/Keypad';
import { keyStyleFits } from '../../src/ui/components/keypadKeyStyle';

// The softphone's light and dark palettes (SoftphoneApp.tsx).
const LIGHT = { contrastThreshold: 4.5, primary: { main: '#1565c0' } };
const DARK = { mode: 'dark', contrastThreshold: 4.5 } as const;
const plain = createTheme({ palette: LIGHT });
// Any Button customisation keeps MUI's Button: here an empty one, so that it looks exactly like the default.
const materialOf = (palette: typeof LIGHT | typeof DARK): Theme =>
  createTheme({ palette, components: { MuiButton: { defaultProps: {} } } });
const materialButtons = materialOf(LIGHT);

function renderKeypad(theme: Theme, disabled = false, key = `k${Math.random().toString(36).slice(2, 8)}`) {
  const cache = createCache({ key });
  const onKey = jest.fn();
  const view = render(
    <CacheProvider value={cache}>
      <ThemeProvider theme={theme}>
        <Keypad label="Dial pad" onKey={onKey} disabled={disabled} />
      </ThemeProvider>
    </CacheProvider>,
  );
  const keys = screen.getAllByRole('button');
  return { ...view, cache, keys, onKey };
}

/** Every declared property of the element's computed style (custom properties included). */
function computed(element: Element): Record<string, string> {
  const style = getComputedStyle(element);
  return Object.fromEntries(Array.from(style, (name) => [name, style.getPropertyValue(name)]));
}

const emotionClasses = (element: Element, cacheKey: string): string[] =>
  Array.from(element.classList).filter((name) => name.startsWith(`${cacheKey}-`));

/** The element's class list without emotion's generated classes. */
const muiClasses = (element: Element, cacheKey: string): string =>
  Array.from(element.classList)
    .filter((name) => !name.startsWith(`${cacheKey}-`))
    .join(' ');

/** The hover rules of the element's emotion classes, with the class written as `&`. */
function hoverRules(element: Element, cacheKey: string): string[] {
  const classes = emotionClasses(element, cacheKey);
  const rules = Array.from(document.styleSheets).flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText));
  return rules
    .filter((text) => text.includes(':hover') && classes.some((name) => text.includes(`.${name}`)))
    .map((text) => classes.reduce((out, name) => out.split(`.${name}`).join('&'), text).replace(/\s+/g, ''));
}

afterEach(() => document.head.querySelectorAll('style').forEach((element) => element.remove()));

it('uses the class path for the softphone theme and MUI Button for themes that restyle buttons', () => {
  expect(keyStyleFits(plain)).toBe(true);
  expect(keyStyleFits(materialButtons)).toBe(false);
  expect(keyStyleFits(createTheme({ components: { MuiButtonBase: { defaultProps: { disableRipple: true } } } }))).toBe(
    false,
  );
});

it.each([
  ['light', false],
  ['light', true],
  ['dark', false],
  ['dark', true],
] as const)('renders the same DOM and computed CSS as MUI Button (%s, disabled: %s)', (mode, disabled) => {
  const palette = mode === 'light' ? LIGHT : DARK;
  const reference = renderKeypad(materialOf(palette), disabled, 'reference');
  const expected = reference.keys.map((key) => ({
    classes: muiClasses(key, 'reference'),
    attributes: key.getAttributeNames().filter((name) => name !== 'class'),
    style: computed(key),
    hover: hoverRules(key, 'reference'),
  }));
  reference.unmount();

  const fast = renderKeypad(createTheme({ palette }), disabled, 'fast');
  expect(fast.keys.map((key) => key.textContent)).toEqual([...KEYPAD_KEYS]);
  fast.keys.forEach((key, index) => {
    expect(emotionClasses(key, 'fast')).toHaveLength(2);
    expect(muiClasses(key, 'fast')).toBe(expected[index]?.classes);
    expect(key.getAttributeNames().filter((name) => name !== 'class')).toEqual(expected[index]?.attributes);
    expect(computed(key)).toEqual(expected[index]?.style);
    expect(hoverRules(key, 'fast').sort()).toEqual([...(expected[index]?.hover ?? [])].sort());
  });
  expect(Object.keys(expected[0]?.style ?? {}).length).toBeGreaterThan(20);
});

it.each([
  ['the class keys', plain],
  ['MUI Button', materialButtons],
])('presses keys and marks keyboard focus (%s)', async (_name, theme) => {
  const { keys, onKey, unmount } = renderKeypad(theme);
  fireEvent.click(keys[10] as HTMLElement);
  expect(onKey).toHaveBeenCalledWith('0');
  fireEvent.keyDown(document.body, { key: 'Tab' });
  await act(async () => (keys[4] as HTMLElement).focus());
  expect(keys[4]).toHaveFocus();
  expect(keys[4]?.classList.contains('Mui-focusVisible')).toBe(true);
  // The focus ripple (TouchRipple's pulsating child) as MUI Button shows it.
  expect(keys[4]?.querySelector('.MuiTouchRipple-root .MuiTouchRipple-ripplePulsate')).not.toBeNull();
  unmount();
});

it('inserts the key rules once per cache, however many keys and renders', () => {
  const cache = createCache({ key: 'once' });
  const tree = (
    <CacheProvider value={cache}>
      <ThemeProvider theme={plain}>
        <Keypad label="One" onKey={() => undefined} />
        <Keypad label="Two" onKey={() => undefined} />
      </ThemeProvider>
    </CacheProvider>
  );
  const { rerender } = render(tree);
  rerender(tree);
  const keyClass = emotionClasses(screen.getAllByRole('button')[0] as HTMLElement, 'once').find(
    (name) => !name.includes('Mui'),
  );
  const rules = Array.from(document.styleSheets).flatMap((sheet) =>
    Array.from(sheet.cssRules, (rule) => rule.cssText).filter((text) => text.startsWith(`.${keyClass ?? '?'} {`)),
  );
  expect(rules).toHaveLength(1);
  expect(new Set(screen.getAllByRole('button').map((key) => key.className)).size).toBe(1);
});
