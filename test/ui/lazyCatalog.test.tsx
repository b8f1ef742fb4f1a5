/**
 * The Spanish catalog as a lazy chunk: a mount in Spanish shows the loading status until its texts are there; a
 * catalog that fails to load leaves the phone in English (never blank), and the next locale change imports it again;
 * a switch of locale at runtime keeps the current language until the new one has arrived.
 */
import { screen } from '@testing-library/react/pure';
import { buildState } from '../../src/contract/testing';
import { SoftphoneApp } from '../../src/ui/SoftphoneApp';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

let mockImportFailures = 0;
let mockImports = 0;
jest.mock('../../src/ui/i18n/catalogEs', () => {
  mockImports += 1;
  if (mockImportFailures > 0) {
    mockImportFailures -= 1;
    throw new Error('chunk failed');
  }
  return jest.requireActual('../../src/ui/i18n/catalogEs');
});

it('es at mount waits for its catalog; a failed load falls back to English; the next locale change retries', async () => {
  mockImportFailures = 1;
  const service = createFakeService(buildState());
  const { rerender, unmount } = renderApp(service, { locale: 'es' });
  expect(screen.getByRole('status', { name: 'Loading softphone' })).toBeInTheDocument();
  expect(screen.queryByRole('region', { name: /alice/ })).toBeNull();

  expect(await screen.findByRole('region', { name: 'Softphone alice' })).toBeInTheDocument();
  expect(mockImports).toBe(1);

  rerender(<SoftphoneApp service={service} locale="es-MX" />);
  // Still English, not a loading screen, while the catalog loads again.
  expect(screen.getByRole('region', { name: 'Softphone alice' })).toBeInTheDocument();
  expect(await screen.findByRole('region', { name: 'Teléfono alice' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Llamar' })).toBeInTheDocument();
  expect(mockImports).toBe(2);

  rerender(<SoftphoneApp service={service} locale="en" />);
  expect(screen.getByRole('region', { name: 'Softphone alice' })).toBeInTheDocument();
  rerender(<SoftphoneApp service={service} locale="es" />);
  expect(screen.getByRole('region', { name: 'Teléfono alice' })).toBeInTheDocument();
  expect(mockImports).toBe(2);
  unmount();
});
