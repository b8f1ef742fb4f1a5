import { screen } from '@testing-library/react';
import { FakeSoftphoneService } from '../../../src/contract/testing';

/**
 * A fake service that records, each time it is started, whether the phone of `identity` was already on screen (the
 * service starts after the parcel's first frame).
 */
export function serviceRecordingStarts(identity: string, phoneShownAtStart: boolean[]): FakeSoftphoneService {
  const service = new FakeSoftphoneService(identity);
  const start = service.start.bind(service);
  service.start = () => {
    phoneShownAtStart.push(screen.queryByRole('region', { name: `Softphone ${identity}` }) !== null);
    return start();
  };
  return service;
}
