/**
 * @jest-environment jsdom
 *
 * The contacts sibling: a single-spa application that drives the softphone with window events only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fireEvent, screen, within } from '@testing-library/dom';
import '@testing-library/jest-dom';
import { bootstrap, mount, unmount } from '../../demo/contacts';
import { CONTACTS } from '../../demo/contacts/directory';
import { readReply } from '../../demo/contacts/bus';
import { trackWindowListeners } from './support/listenerCount';

const APP = '@switchboard/contacts';

function announce(instance: string): void {
  window.dispatchEvent(
    new CustomEvent('softphone:state', { detail: { v: 1, instance, device: { state: 'registered' } } }),
  );
}

function reply(detail: object): void {
  window.dispatchEvent(new CustomEvent('softphone:reply', { detail }));
}

/** Records every command the app dispatches. */
function recordCommands(): { commands: Record<string, unknown>[]; stop(): void } {
  const commands: Record<string, unknown>[] = [];
  const listener = (event: Event) => commands.push((event as CustomEvent<Record<string, unknown>>).detail);
  window.addEventListener('softphone:command', listener);
  return { commands, stop: () => window.removeEventListener('softphone:command', listener) };
}

let listeners: ReturnType<typeof trackWindowListeners>;
let recorder: ReturnType<typeof recordCommands>;

beforeEach(async () => {
  document.body.innerHTML = `<div id="single-spa-application:${APP}"></div>`;
  recorder = recordCommands();
  listeners = trackWindowListeners();
  await bootstrap();
  await mount({ name: APP });
});

afterEach(async () => {
  await unmount();
  listeners.restore();
  recorder.stop();
  jest.useRealTimers();
});

it('renders inside its single-spa container, one Call button per contact', () => {
  const container = document.getElementById(`single-spa-application:${APP}`)!;
  const region = within(container).getByRole('region', { name: 'Contacts' });
  for (const contact of CONTACTS) {
    expect(
      within(region).getByRole('button', { name: `Call ${contact.name} (${contact.address})` }),
    ).toBeInTheDocument();
  }
  expect(CONTACTS.map((c) => c.address)).toEqual(
    expect.arrayContaining([
      'client:alice',
      'client:bob',
      '+14155550100',
      '+14155550101',
      '+14155550102',
      '+14155550103',
      '+14155550104',
      '+14155550105',
      '+14155550106',
    ]),
  );
});

it('asks for the softphones on the page and offers each one it hears from as the caller', () => {
  expect(screen.getByRole('button', { name: 'Hang up on selected phone' })).toBeDisabled();
  announce('bob');
  announce('alice');
  announce('bob');
  const select = screen.getByRole('combobox', { name: 'Call from' });
  expect(
    within(select)
      .getAllByRole('option')
      .map((o) => o.textContent),
  ).toEqual(['alice', 'bob']);
  expect(screen.getByRole('button', { name: 'Hang up on selected phone' })).toBeEnabled();
});

it('dials the chosen contact from the chosen phone and shows the reply to that command only', async () => {
  announce('alice');
  announce('bob');
  fireEvent.change(screen.getByRole('combobox', { name: 'Call from' }), { target: { value: 'bob' } });
  fireEvent.click(screen.getByRole('button', { name: 'Call Echo (+14155550100)' }));

  expect(recorder.commands).toEqual([
    { v: 1, id: expect.any(String), type: 'dial', to: '+14155550100', target: 'bob' },
  ]);
  const id = recorder.commands[0]!.id;
  reply({ v: 1, id: 'someone-else', ok: true });
  expect(within(screen.getByRole('list', { name: 'Replies' })).queryAllByRole('listitem')).toHaveLength(0);
  reply({ v: 1, id, instance: 'bob', ok: true, result: { callSid: 'TJ1' } });
  await Promise.resolve();
  const items = within(screen.getByRole('list', { name: 'Replies' })).getAllByRole('listitem');
  expect(items.map((i) => i.textContent)).toEqual(['dial +14155550100 from bobok {"callSid":"TJ1"}']);
});

it('hangs up on the chosen phone and shows an error reply with its code, newest first', async () => {
  announce('alice');
  fireEvent.click(screen.getByRole('button', { name: 'Hang up on selected phone' }));
  reply({
    v: 1,
    id: recorder.commands[0]!.id,
    instance: 'alice',
    ok: false,
    error: { code: 'no_active_call', message: 'There is no call.' },
  });
  await Promise.resolve();
  fireEvent.click(screen.getByRole('button', { name: 'Call Busy line (+14155550102)' }));
  reply({
    v: 1,
    id: recorder.commands[1]!.id,
    instance: 'alice',
    ok: false,
    error: { code: 'busy', message: 'Busy.' },
  });
  await Promise.resolve();
  expect(recorder.commands.map((c) => [c.type, c.target])).toEqual([
    ['hangup', 'alice'],
    ['dial', 'alice'],
  ]);
  expect(
    within(screen.getByRole('list', { name: 'Replies' }))
      .getAllByRole('listitem')
      .map((i) => i.textContent),
  ).toEqual(['dial +14155550102 from alicebusy: Busy.', 'hangup on aliceno_active_call: There is no call.']);
});

it('says so when no softphone answers within 10 seconds', async () => {
  jest.useFakeTimers();
  announce('alice');
  fireEvent.click(screen.getByRole('button', { name: 'Call IVR (+14155550101)' }));
  jest.advanceTimersByTime(9_999);
  await Promise.resolve();
  expect(within(screen.getByRole('list', { name: 'Replies' })).queryAllByRole('listitem')).toHaveLength(0);
  jest.advanceTimersByTime(1);
  await Promise.resolve();
  expect(screen.getByRole('list', { name: 'Replies' })).toHaveTextContent('no reply');
});

it('leaves no DOM, window listeners or timers behind when unmounted', async () => {
  jest.useFakeTimers();
  announce('alice');
  fireEvent.click(screen.getByRole('button', { name: 'Call Echo (+14155550100)' }));
  expect(listeners.active()).toBeGreaterThan(0);
  await unmount();
  expect(listeners.active()).toBe(0);
  expect(jest.getTimerCount()).toBe(0);
  expect(document.getElementById(`single-spa-application:${APP}`)).toBeEmptyDOMElement();
  await mount({ name: APP });
});

describe('readReply (anything on the page can dispatch softphone:reply)', () => {
  it.each([
    undefined,
    null,
    'text',
    42,
    {},
    { v: 2, id: 'a', ok: true },
    { v: 1, ok: true },
    { v: 1, id: 'a', ok: 'yes' },
  ])('ignores %p', (detail) => {
    expect(readReply(detail)).toBeUndefined();
  });

  it('reads an error reply without a well-formed error as code "unknown"', () => {
    expect(readReply({ v: 1, id: 'a', ok: false, error: 'nope' })).toEqual({
      id: 'a',
      outcome: { kind: 'error', instance: undefined, code: 'unknown', message: '' },
    });
  });
});

it('imports nothing from outside its own folder: no softphone code, no rxjs', () => {
  const dir = path.resolve(__dirname, '../../demo/contacts');
  for (const file of readdirSync(dir)) {
    const imports = [...readFileSync(path.join(dir, file), 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
    expect({ file, imports: imports.filter((spec) => !spec?.startsWith('./')) }).toEqual({ file, imports: [] });
  }
});
