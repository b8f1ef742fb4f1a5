/**
 * SxBox (a fixed sx as one class per theme) against MUI's Box with the same sx: the same element and classes, the same
 * computed CSS, the same rules (media and container queries included), one rule set per cache however many renders.
 */
import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import Box from '@mui/material/Box';
import { createTheme, ThemeProvider, type SxProps, type Theme } from '@mui/material/styles';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { SxBox, sxClass } from '../../src/ui/components/SxBox';

const SX: SxProps<Theme> = {
  display: 'flex',
  flexDirection: 'column',
  gap: 1.5,
  p: 1.5,
  my: 1,
  bgcolor: 'action.hover',
  borderColor: 'divider',
  border: 1,
  borderRadius: 4,
  '@container (min-width: 640px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' },
  '&:hover': { color: 'success.dark' },
};
const styles = sxClass(SX);
const theme = createTheme({ palette: { primary: { main: '#1565c0' } } });

function renderIn(key: string, element: ReactElement) {
  const view = render(
    <CacheProvider value={createCache({ key })}>
      <ThemeProvider theme={theme}>{element}</ThemeProvider>
    </CacheProvider>,
  );
  const box = view.container.querySelector('[data-box]') as HTMLElement;
  const emotionClass = Array.from(box.classList).find((name) => name.startsWith(`${key}-`)) ?? '?';
  const rules = Array.from(document.styleSheets)
    .flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText))
    .filter((text) => text.includes(`.${emotionClass}`))
    .map((text) => text.split(`.${emotionClass}`).join('&'));
  const style = getComputedStyle(box);
  const computed = Object.fromEntries(Array.from(style, (name) => [name, style.getPropertyValue(name)]));
  const classes = Array.from(box.classList).filter((name) => name !== emotionClass);
  return { ...view, box, rules, computed, classes };
}

afterEach(() => document.head.querySelectorAll('style').forEach((element) => element.remove()));

it.each(['div', 'form', 'header', 'section'] as const)('renders a %s as Box does', (tag) => {
  const reference = renderIn('reference', <Box component={tag} data-box="" id="x" aria-label="A" sx={SX} />);
  const expected = { html: reference.box.outerHTML, rules: reference.rules, computed: reference.computed };
  reference.unmount();
  const fast = renderIn('fast', <SxBox component={tag} data-box="" id="x" aria-label="A" styles={styles} />);
  expect(fast.box.tagName).toBe(tag.toUpperCase());
  expect(fast.box.outerHTML.replace(/fast-[a-z0-9]+/, 'E')).toBe(expected.html.replace(/reference-[a-z0-9]+/, 'E'));
  expect(fast.classes).toEqual(['MuiBox-root']);
  expect(fast.rules).toEqual(expected.rules);
  expect(fast.rules.length).toBeGreaterThanOrEqual(3);
  expect(fast.computed).toEqual(expected.computed);
});

it('renders an empty sx as a Box without sx', () => {
  const reference = renderIn('reference', <Box data-box="" />);
  const html = reference.box.outerHTML;
  reference.unmount();
  const fast = renderIn('reference', <SxBox data-box="" styles={sxClass({})} />);
  expect(fast.box.outerHTML).toBe(html);
});

it('inserts its rules once per cache and keeps the class across renders', () => {
  const element = (
    <>
      <SxBox data-box="" styles={styles} />
      <SxBox styles={styles} />
    </>
  );
  const first = renderIn('once', element);
  const className = first.box.className;
  first.rerender(
    <CacheProvider value={createCache({ key: 'once' })}>
      <ThemeProvider theme={theme}>{element}</ThemeProvider>
    </CacheProvider>,
  );
  expect(first.box.className).toBe(className);
  const main = first.rules.filter((text) => text.startsWith('& {'));
  expect(main).toHaveLength(1);
});
