/**
 * The softphone builds and provides its MUI theme without the CSS-variables code (src/ui/theme): the theme a
 * component sees must be the one MUI's own createTheme/ThemeProvider give (palette, typography, spacing, shape,
 * component overrides), and so must MUI's default theme that the build points components at (muiDefaultTheme.ts).
 */
import Button from '@mui/material/Button';
import { createTheme as muiCreateTheme, ThemeProvider as MuiThemeProvider, useTheme } from '@mui/material/styles';
import type { Theme, ThemeOptions } from '@mui/material/styles';
import { render, screen } from '@testing-library/react';
import type { JSX } from 'react';
import muiDefaultTheme, { createTheme as boxCreateTheme } from '../../src/ui/theme/muiDefaultTheme';
import { createTheme, ThemeProvider } from '../../src/ui/theme/softphoneTheme';

// As webpack builds it: MUI's no-vars modules in the public createTheme/ThemeProvider's place (webpack.config.js).
jest.mock('../../src/ui/theme/muiNoVars', () => jest.requireActual('../../src/ui/theme/muiNoVarsPrivate'));

/** The theme's data, and what its functions give for a few inputs (functions differ by identity). */
function comparable(theme: Theme): unknown {
  return {
    data: JSON.parse(JSON.stringify(theme)) as unknown,
    spacing: [theme.spacing(1), theme.spacing(2, 0.5)],
    breakpoints: [theme.breakpoints.up('md'), theme.breakpoints.between('sm', 'lg')],
    transitions: theme.transitions.create(['opacity', 'transform'], { duration: theme.transitions.duration.short }),
    typography: theme.typography.pxToRem(20),
    contrastText: [theme.palette.getContrastText('#1565c0'), theme.palette.getContrastText('#fff')],
    augmented: theme.palette.augmentColor({ color: { main: '#7b1fa2' } }),
  };
}

const HOST_OPTIONS: Record<string, ThemeOptions> = {
  softphone: { palette: { contrastThreshold: 4.5, primary: { main: '#1565c0' } } },
  dark: { palette: { contrastThreshold: 4.5, mode: 'dark' } },
  custom: {
    palette: { primary: { main: '#2e7d32' }, secondary: { main: '#6a1b9a' } },
    typography: { fontFamily: 'Georgia, serif', fontSize: 15 },
    shape: { borderRadius: 12 },
    spacing: 6,
    components: {
      MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { fontWeight: 700 } } },
    },
  },
};

let seen: Theme | null = null;
function ThemeProbe(): JSX.Element {
  seen = useTheme();
  return <Button variant="contained">Probe</Button>;
}

/** The theme a component sees under a provider, and the probe button's computed style. */
function seenUnder(provider: (child: JSX.Element) => JSX.Element): { theme: Theme; style: Record<string, string> } {
  seen = null;
  const { unmount } = render(provider(<ThemeProbe />));
  const css = getComputedStyle(screen.getByRole('button', { name: 'Probe' }));
  const style = {
    color: css.color,
    background: css.backgroundColor,
    radius: css.borderRadius,
    font: css.fontFamily,
    weight: css.fontWeight,
    padding: css.padding,
    shadow: css.boxShadow,
  };
  unmount();
  if (!seen) throw new Error('the probe did not render');
  return { theme: seen, style };
}

describe('the theme without CSS variables', () => {
  it("equals MUI's default theme for the components' defaults (styles/defaultTheme and Box)", () => {
    expect(comparable(muiDefaultTheme)).toEqual(comparable(muiCreateTheme()));
    expect(comparable(boxCreateTheme())).toEqual(comparable(muiCreateTheme()));
    expect(muiDefaultTheme.vars).toBeUndefined();
  });

  it.each(Object.keys(HOST_OPTIONS))('builds what MUI builds for the %s options', (name) => {
    const options = HOST_OPTIONS[name] as ThemeOptions;
    expect(comparable(createTheme(options) as Theme)).toEqual(comparable(muiCreateTheme(options)));
  });

  it.each(Object.keys(HOST_OPTIONS))('gives components the theme MUI provides for the %s options', (name) => {
    const options = HOST_OPTIONS[name] as ThemeOptions;
    const ours = seenUnder((child) => <ThemeProvider theme={createTheme(options)}>{child}</ThemeProvider>);
    const mui = seenUnder((child) => <MuiThemeProvider theme={muiCreateTheme(options)}>{child}</MuiThemeProvider>);
    expect(comparable(ours.theme)).toEqual(comparable(mui.theme));
    expect(ours.style).toEqual(mui.style);
    expect(ours.theme.vars).toBeNull();
  });

  it("loads MUI's CSS-variables path for a host theme that asks for it", async () => {
    const options: ThemeOptions = { cssVariables: true, palette: { primary: { main: '#2e7d32' } } };
    render(
      <ThemeProvider theme={createTheme(options)}>
        <ThemeProbe />
      </ThemeProvider>,
    );
    await screen.findByRole('button', { name: 'Probe' });
    expect(seen?.vars?.palette.primary.main).toBe('var(--mui-palette-primary-main)');
    expect(seen?.palette.primary.main).toBe('#2e7d32');
  });

  it("gives a host theme with colour schemes MUI's provider (its default scheme's palette)", async () => {
    const options: ThemeOptions = { colorSchemes: { dark: true }, defaultColorScheme: 'dark' };
    render(
      <ThemeProvider theme={createTheme(options)}>
        <ThemeProbe />
      </ThemeProvider>,
    );
    await screen.findByRole('button', { name: 'Probe' });
    expect(seen?.palette.mode).toBe('dark');
    expect((seen as unknown as { colorSchemes?: object } | null)?.colorSchemes).toHaveProperty('dark');
  });
});
