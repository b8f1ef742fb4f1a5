/**
 * @jest-environment jsdom
 *
 * The contacts sibling during a call (issue #12): "Transfer to" sends the bus `transfer` command for the selected
 * phone, and is offered only while that phone has a live call.
 */
import { fireEvent, screen } from '@testing-library/dom';
import '@testing-library/jest-dom';
import { bootstrap, mount, unmount } from '../../demo/contacts';
import { hasCallInProgress } from '../../demo/contacts/bus';
import { CONTACTS } from '../../demo/contacts/directory';

const APP = '@switchboard/contacts';

function publish(instance: string, calls: object[]): void {
  window.dispatchEvent(new CustomEvent('softphone:state', { detail: { v: 1, instance, calls } }));
}

const commands: Record<string, unknown>[] = [];
const record = (event: Event) => commands.push((event as CustomEvent<Record<string, unknown>>).detail);

beforeEach(async () => {
  commands.length = 0;
  document.body.innerHTML = `<div id="single-spa-application:${APP}"></div>`;
  window.addEventListener('softphone:command', record);
  await bootstrap();
  await mount({ name: APP });
});
afterEach(async () => {
  await unmount();
  window.removeEventListener('softphone:command', record);
});

const contact = CONTACTS[0]!;
const transferButton = () => screen.getByRole('button', { name: `Transfer to ${contact.name} (${contact.address})` });

it('offers Transfer to only while the selected phone is in a live call, and sends transfer', () => {
  publish('alice', []);
  expect(transferButton()).toBeDisabled();
  publish('alice', [{ sid: 'CA1', status: 'open', held: false }]);
  expect(transferButton()).toBeEnabled();
  fireEvent.click(transferButton());
  expect(commands).toEqual([
    expect.objectContaining({ v: 1, type: 'transfer', target: 'alice', to: contact.address, mode: 'blind' }),
  ]);
  publish('alice', [{ sid: 'CA1', status: 'closed', held: false }]);
  expect(transferButton()).toBeDisabled();
});

it('follows the selected phone: bob in a call does not enable transfer for alice', () => {
  publish('alice', []);
  publish('bob', [{ sid: 'CA2', status: 'open' }]);
  const select = screen.getByRole('combobox', { name: 'Call from' }) as HTMLSelectElement;
  expect(select.value).toBe('alice');
  expect(transferButton()).toBeDisabled();
  fireEvent.change(select, { target: { value: 'bob' } });
  expect(transferButton()).toBeEnabled();
});

it('reads call state defensively', () => {
  expect(hasCallInProgress(null)).toBe(false);
  expect(hasCallInProgress({ calls: 'x' })).toBe(false);
  expect(hasCallInProgress({ calls: [{ status: 'open', held: true }] })).toBe(false);
  expect(hasCallInProgress({ calls: [null, { status: 'open' }] })).toBe(true);
});
