/**
 * @jest-environment node
 *
 * Saved audio choices over fake-indexeddb and the shared fake service: re-applied once the phone is registered with
 * its devices listed, only where the device still exists (else reported missing), and later changes saved; the
 * selection as restored is not saved over the saved one.
 */
import 'fake-indexeddb/auto';
import { firstValueFrom, filter } from 'rxjs';
import { FakeSoftphoneService } from '../../src/contract/testing';
import { AudioChoicesKeeper, loadAudioChoices, saveAudioChoices } from '../../src/history/audioChoices';

const keepers: AudioChoicesKeeper[] = [];
afterEach(() => keepers.splice(0).forEach((k) => k.stop()));

function keep(phone: FakeSoftphoneService): AudioChoicesKeeper {
  const keeper = new AudioChoicesKeeper(phone);
  keepers.push(keeper);
  return keeper;
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(await check()).toBe(true);
}

it('re-applies saved devices that still exist and saves later changes', async () => {
  await saveAudioChoices({ identity: 'ann', input: 'usb-mic', outputs: ['usb-out'], ringtoneOutputs: ['default'] });
  const phone = new FakeSoftphoneService('ann');
  await keep(phone).restored;
  expect(phone.getState().audio).toMatchObject({ selectedInput: 'usb-mic', selectedOutputs: ['usb-out'] });
  await phone.setInputDevice('default');
  await eventually(async () => (await loadAudioChoices('ann'))?.input === 'default');
  expect(await loadAudioChoices('ann')).toEqual({
    identity: 'ann',
    input: 'default',
    outputs: ['usb-out'],
    ringtoneOutputs: ['default'],
  });
});

it('keeps the default for a saved device that is gone, says so, and keeps the saved choice', async () => {
  await saveAudioChoices({ identity: 'ben', input: 'unplugged', outputs: ['gone-out'], ringtoneOutputs: [] });
  const phone = new FakeSoftphoneService('ben');
  const keeper = keep(phone);
  let missing: readonly string[] = [];
  keeper.missing$.subscribe((m) => (missing = m));
  await eventually(async () => missing.length === 2);
  expect(missing).toEqual(['input', 'output']);
  expect(phone.getState().audio.selectedInput).toBe('default');
  expect((await loadAudioChoices('ben'))?.input).toBe('unplugged');
});

it('waits until the phone is registered with its devices listed', async () => {
  await saveAudioChoices({ identity: 'cy', input: 'usb-mic', outputs: [], ringtoneOutputs: [] });
  const phone = new FakeSoftphoneService('cy', { device: { state: 'registering' } });
  keep(phone);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(phone.invocations.filter((i) => i.method === 'setInputDevice')).toEqual([]);
  phone.setState((s) => ({ ...s, device: { ...s.device, state: 'registered' } }));
  await firstValueFrom(phone.state$.pipe(filter((s) => s.audio.selectedInput === 'usb-mic')));
});
