import { render, type RenderResult } from '@testing-library/react/pure';
import type { FakeSoftphoneService } from '../../../src/contract/testing';
import { SoftphoneApp, type SoftphoneAppProps } from '../../../src/ui/SoftphoneApp';
import { createFakeService } from './spiedFakeService';

export interface RenderedApp extends RenderResult {
  service: FakeSoftphoneService;
}

/** Mounts the whole softphone UI over a fake service. */
export function renderApp(
  service: FakeSoftphoneService = createFakeService(),
  props: Partial<Omit<SoftphoneAppProps, 'service'>> = {},
): RenderedApp {
  const result = render(<SoftphoneApp service={service} {...props} />);
  return { ...result, service };
}

/** A rejected command the way the real service rejects: a SoftphoneError. */
export { SoftphoneError } from '../../../src/contract/service';
