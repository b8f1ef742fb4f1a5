/** The host's theme is merged before MUI computes the palette, so `palette.mode: 'dark'` gives dark surfaces. */
import { render, screen } from '@testing-library/react';
import { SoftphoneApp, mergeThemeOptions } from '../../src/ui/SoftphoneApp';
import { FakeSoftphoneService } from '../../src/contract/testing';

describe('theme overrides', () => {
  it('deep-merges nested options over the defaults', () => {
    const merged = mergeThemeOptions(
      { palette: { contrastThreshold: 4.5, primary: { main: '#1565c0' } } },
      {
        palette: { mode: 'dark', primary: { main: '#90caf9' } },
      },
    );
    expect(merged).toEqual({ palette: { contrastThreshold: 4.5, mode: 'dark', primary: { main: '#90caf9' } } });
  });

  it("renders dark surfaces for palette.mode 'dark'", () => {
    render(<SoftphoneApp service={new FakeSoftphoneService('alice')} theme={{ palette: { mode: 'dark' } }} />);
    const region = screen.getByRole('region', { name: 'Softphone alice' });
    const baseline = region.closest('.MuiScopedCssBaseline-root') as HTMLElement;
    // MUI's dark default background is #121212; the light one is #fff.
    expect(getComputedStyle(baseline).backgroundColor).toBe('rgb(18, 18, 18)');
  });
});
