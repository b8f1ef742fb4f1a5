/** One theme per distinct host options for the page: equal options share it, options JSON cannot compare do not. */
import { render, screen } from '@testing-library/react';
import { createTheme, THEME_ID, ThemeProvider, useTheme } from '@mui/material/styles';
import type { JSX } from 'react';
import { contentCache, contentKey } from '../../src/ui/hooks/useSharedByContent';
import { scopedForMaterial } from '../../src/ui/hooks/materialScope';
import { SoftphoneApp } from '../../src/ui/SoftphoneApp';
import { FakeSoftphoneService } from '../../src/contract/testing';

describe('contentCache', () => {
  it('returns the same value for options of equal content, built once', () => {
    let builds = 0;
    const cache = contentCache((options: { palette?: { mode?: string } } | undefined) => ({ options, n: ++builds }));
    const first = cache.get({ palette: { mode: 'dark' } });
    expect(cache.get({ palette: { mode: 'dark' } })).toBe(first);
    expect(cache.get(undefined)).not.toBe(first);
    expect(cache.get(undefined)).toBe(cache.get(undefined));
    expect(builds).toBe(2);
  });

  it('builds anew for options holding functions, class instances or undefined members', () => {
    let builds = 0;
    const cache = contentCache((_options: object) => ++builds);
    cache.get({ typography: { fontSize: () => 12 } });
    cache.get({ typography: { fontSize: () => 12 } });
    cache.get({ when: new Date(0) });
    cache.get({ when: new Date(0) });
    cache.get({ palette: { primary: undefined } });
    cache.get({ palette: { primary: undefined } });
    expect(builds).toBe(6);
    expect(contentKey({ palette: { primary: undefined } })).toBeNull();
    expect(contentKey({ a: [1, { b: 'c' }] })).toBe('{"a":[1,{"b":"c"}]}');
  });

  it('keeps a bounded number of entries, dropping the least recently used', () => {
    let builds = 0;
    const cache = contentCache((options: { n: number }) => ({ ...options, build: ++builds }), 2);
    const zero = cache.get({ n: 0 });
    cache.get({ n: 1 });
    expect(cache.get({ n: 0 })).toBe(zero); // 0 is now the most recent
    cache.get({ n: 2 }); // drops 1
    expect(cache.get({ n: 0 })).toBe(zero);
    expect(cache.get({ n: 1 }).build).toBe(4);
  });
});

describe('scopedForMaterial', () => {
  function ThemeMode(): JSX.Element {
    return <span data-testid="mode">{useTheme().palette.mode}</span>;
  }

  it('MUI components resolve the scoped theme', () => {
    const theme = createTheme({ palette: { mode: 'dark' } });
    render(
      <ThemeProvider theme={scopedForMaterial(theme)}>
        <ThemeMode />
      </ThemeProvider>,
    );
    expect(screen.getByTestId('mode').textContent).toBe('dark');
    expect(scopedForMaterial(theme)).toEqual({ [THEME_ID]: theme });
  });

  it('leaves a theme that asks for CSS layers unscoped (MUI injects the layer order only then)', () => {
    const theme = createTheme({ modularCssLayers: true });
    expect(scopedForMaterial(theme)).toBe(theme);
  });
});

it('two apps with equal theme options render the same styles (one theme, one set of classes)', () => {
  const classesOf = (mode: 'dark' | 'light') => {
    const { unmount } = render(
      <SoftphoneApp service={new FakeSoftphoneService('alice')} theme={{ palette: { mode } }} />,
    );
    const baseline = screen.getByRole('region', { name: 'Softphone alice' }).closest('.MuiScopedCssBaseline-root');
    const className = baseline?.className;
    unmount();
    return className;
  };
  const dark = classesOf('dark');
  expect(classesOf('dark')).toBe(dark);
  expect(classesOf('light')).not.toBe(dark);
});
