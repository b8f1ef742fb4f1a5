/** The contacts card, built with plain DOM calls (no framework, no innerHTML of data). */
import type { CommandOutcome, ContactCommand } from './bus';
import type { Contact } from './directory';

const MAX_REPLIES = 20;

export interface ContactsViewHandlers {
  onCommand(command: ContactCommand, target: string): void;
}

export interface ContactsView {
  readonly root: HTMLElement;
  setSoftphones(identities: readonly string[]): void;
  /** A phone's call started or ended: "Transfer to" works only during a call of the selected phone. */
  setInCall(identity: string, inCall: boolean): void;
  /** Shows the reply to a command; newest first, the oldest dropped beyond MAX_REPLIES. */
  showOutcome(command: ContactCommand, target: string, outcome: CommandOutcome): void;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export function describeCommand(command: ContactCommand, target: string): string {
  switch (command.type) {
    case 'dial':
      return `dial ${command.to} from ${target}`;
    case 'transfer':
      return `transfer ${target}'s call to ${command.to}`;
    case 'hangup':
      return `hangup on ${target}`;
  }
}

export function describeOutcome(outcome: CommandOutcome): string {
  switch (outcome.kind) {
    case 'ok':
      return outcome.result === undefined ? 'ok' : `ok ${JSON.stringify(outcome.result)}`;
    case 'error':
      return `${outcome.code}: ${outcome.message}`;
    case 'timeout':
      return 'no reply (is the softphone on the page?)';
  }
}

export function createContactsView(contacts: readonly Contact[], handlers: ContactsViewHandlers): ContactsView {
  const target = element('select', { name: 'target', id: 'contacts-target', disabled: true });
  const buttons: HTMLButtonElement[] = [];
  const transferButtons: HTMLButtonElement[] = [];
  const inCall = new Map<string, boolean>();
  let phones: readonly string[] = [];
  const currentTarget = (): string => target.value;
  const button = (text: string, label: string, command: ContactCommand): HTMLButtonElement => {
    const b = element('button', { type: 'button', textContent: text, disabled: true });
    b.setAttribute('aria-label', label);
    b.addEventListener('click', () => handlers.onCommand(command, currentTarget()));
    (command.type === 'transfer' ? transferButtons : buttons).push(b);
    return b;
  };
  const refresh = (): void => {
    const none = phones.length === 0;
    target.disabled = none;
    for (const b of buttons) b.disabled = none;
    const canTransfer = !none && inCall.get(currentTarget()) === true;
    for (const b of transferButtons) b.disabled = !canTransfer;
  };
  target.addEventListener('change', refresh);

  const list = element(
    'ul',
    { className: 'contact-list' },
    ...contacts.map((contact) =>
      element(
        'li',
        { className: 'contact' },
        element('span', { className: 'contact-name', textContent: contact.name }),
        element('span', { className: 'contact-address', textContent: contact.address }),
        element('span', { className: 'contact-description', textContent: contact.description }),
        element(
          'span',
          { className: 'contact-actions' },
          button('Call', `Call ${contact.name} (${contact.address})`, { type: 'dial', to: contact.address }),
          button('Transfer to', `Transfer to ${contact.name} (${contact.address})`, {
            type: 'transfer',
            to: contact.address,
            mode: 'blind',
          }),
        ),
      ),
    ),
  );
  const replies = element('ol', { className: 'reply-list', id: 'contacts-replies' });
  replies.setAttribute('aria-live', 'polite');
  replies.setAttribute('aria-label', 'Replies');

  const root = element(
    'section',
    { className: 'card contacts' },
    element('h2', { id: 'contacts-title', textContent: 'Contacts' }),
    element('p', {
      className: 'hint',
      textContent: 'A sibling app that shares no code with the softphone: it only dispatches window events.',
    }),
    element(
      'div',
      { className: 'toolbar' },
      element('label', { htmlFor: 'contacts-target', textContent: 'Call from' }),
      target,
      button('Hang up', 'Hang up on selected phone', { type: 'hangup' }),
    ),
    list,
    element('h3', { textContent: 'Replies' }),
    replies,
  );
  root.setAttribute('aria-labelledby', 'contacts-title');

  return {
    root,
    setSoftphones(identities) {
      const previous = target.value;
      target.replaceChildren(...identities.map((id) => element('option', { value: id, textContent: id })));
      if (identities.includes(previous)) target.value = previous;
      phones = identities;
      refresh();
    },
    setInCall(identity, live) {
      inCall.set(identity, live);
      refresh();
    },
    showOutcome(command, to, outcome) {
      const item = element(
        'li',
        { className: `reply reply-${outcome.kind}` },
        element('span', { className: 'reply-command', textContent: describeCommand(command, to) }),
        element('span', { className: 'reply-outcome', textContent: describeOutcome(outcome) }),
      );
      replies.prepend(item);
      while (replies.children.length > MAX_REPLIES) replies.lastElementChild?.remove();
    },
  };
}
