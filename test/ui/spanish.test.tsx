/**
 * i18n: mounted with `locale: 'es'`, no English string of the catalog (nor MUI's own English defaults) appears in
 * the rendered parcel, text or accessible names, on any screen. Also: the host's `messages` override single
 * strings, and numbers and durations go through Intl for the locale.
 */
import { act, fireEvent, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import type { CallState } from '../../src/contract/schema';
import type { SoftphoneStateOverrides } from '../../src/contract/testing';
import { buildCall, buildState } from '../../src/contract/testing';
import { en } from '../../src/ui/i18n/en';
import { errorsEn } from '../../src/ui/i18n/errorsEn';
import { errorsEs } from '../../src/ui/i18n/errorsEs';
import { es } from '../../src/ui/i18n/es';
import { createTranslator } from '../../src/ui/i18n/translator';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';
import { preloadLazyUi } from './support/lazyUi';

beforeAll(preloadLazyUi);

const spanish: Record<string, string> = { ...es, ...errorsEs };
const english: Record<string, string> = { ...en, ...errorsEn };

/** The literal pieces of every English string that its Spanish counterpart does not share. */
const ENGLISH_FRAGMENTS = [
  ...new Set(
    Object.entries(english).flatMap(([key, value]) =>
      value
        .split(/\{\w+\}/)
        .map((part) =>
          part
            .trim()
            .replace(/^[.,:;·()]+|[.,:;·()]+$/g, '')
            .trim(),
        )
        .filter((part) => part.length >= 4 && /[a-z]/i.test(part) && !(spanish[key] ?? '').includes(part)),
    ),
  ),
  // MUI's own English defaults the softphone must replace.
  'Close',
  'Empty',
  'No options',
];

function renderedWords(container: HTMLElement): string {
  const names = Array.from(container.querySelectorAll('[aria-label], [title], [placeholder]')).flatMap((el) =>
    ['aria-label', 'title', 'placeholder'].map((attr) => el.getAttribute(attr) ?? ''),
  );
  return [container.textContent ?? '', ...names].join('\n');
}

function englishIn(container: HTMLElement): string[] {
  const words = renderedWords(container);
  return ENGLISH_FRAGMENTS.filter((fragment) =>
    new RegExp(`\\b${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(words),
  );
}

const service = createFakeService(buildState());
let container: HTMLElement;
let unmount: () => void;
beforeAll(() => {
  ({ container, unmount } = renderApp(service, { locale: 'es' }));
});
afterAll(() => unmount());

const show = (state: SoftphoneStateOverrides) => act(() => service.setState(buildState(state)));
const call = (patch: Partial<CallState> = {}) => buildCall({ sid: 'CA-1', to: 'client:bob', ...patch });

describe('Spanish (locale: es)', () => {
  it('catalogs have the same keys', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(errorsEs).sort()).toEqual(Object.keys(errorsEn).sort());
  });

  it('idle: dial box, pad, recent calls, settings and shortcuts help', async () => {
    const u = userEvent.setup({ delay: null });
    act(() =>
      service.setHistory([
        {
          id: 'H1',
          twilioCallSid: null,
          direction: 'incoming',
          peer: 'client:bob',
          startedAt: 1,
          answeredAt: null,
          endedAt: 2,
          durationMs: 0,
          endReason: 'canceled',
          missed: true,
        },
        {
          id: 'H2',
          twilioCallSid: null,
          direction: 'outgoing',
          peer: '+14155550100',
          startedAt: 1,
          answeredAt: 2,
          endedAt: 65_002,
          durationMs: 65_000,
          endReason: 'local-hangup',
          missed: false,
        },
      ]),
    );
    show({ device: { tokenExpiresAt: Date.now() + 3 * 60_000, registrationConfirmedAt: Date.now() - 5000 } });
    await u.click(screen.getByRole('button', { name: /Llamadas recientes/ }));
    await u.click(screen.getByRole('button', { name: 'Atajos de teclado' }));
    await u.type(screen.getByRole('textbox', { name: 'Número o nombre de cliente' }), '+1415');
    expect(screen.getByText('Listo')).toBeInTheDocument();
    expect(englishIn(container)).toEqual([]);
  });

  it('ringing, and call waiting beside a call', () => {
    show({
      calls: [
        call({
          direction: 'incoming',
          status: 'pending',
          from: 'client:carol',
          answeredAt: null,
          customParameters: { cuenta: 'ACME' },
        }),
      ],
    });
    expect(screen.getByRole('region', { name: 'Llamada entrante' })).toBeInTheDocument();
    expect(englishIn(container)).toEqual([]);
    show({
      device: { isBusy: true },
      activeCallSid: 'CA-1',
      calls: [
        call(),
        call({ sid: 'CA-2', direction: 'incoming', status: 'pending', from: 'client:carol', answeredAt: null }),
      ],
    });
    expect(screen.getByRole('region', { name: 'Llamada en espera' })).toBeInTheDocument();
    expect(englishIn(container)).toEqual([]);
  });

  it('in call: toolbar, warnings, messages, muted, reconnecting, keypad and transfer panels', () => {
    show({
      device: { isBusy: true },
      activeCallSid: 'CA-1',
      calls: [
        call({
          muted: true,
          reconnecting: true,
          warnings: ['high-rtt', 'low-mos', 'something-new'],
          messages: [{ direction: 'received', content: 'hola', messageType: 'user-defined-message', at: 1 }],
        }),
      ],
    });
    const region = screen.getByRole('region', { name: 'Llamada a bob' });
    expect(within(region).getByRole('button', { name: 'Activar micrófono' })).toBeInTheDocument();
    expect(englishIn(container)).toEqual([]);
    act(() => within(region).getByRole('button', { name: 'Teclado' }).click());
    expect(englishIn(container)).toEqual([]);
    show({ device: { isBusy: true }, activeCallSid: 'CA-1', calls: [call()] });
    act(() =>
      within(screen.getByRole('region', { name: 'Llamada a bob' }))
        .getByRole('button', { name: 'Transferir' })
        .click(),
    );
    expect(screen.getByRole('textbox', { name: 'Transferir a' })).toBeInTheDocument();
    expect(englishIn(container)).toEqual([]);
  });

  it('two calls (one held), a consult call', () => {
    show({
      device: { isBusy: true },
      activeCallSid: 'CA-1',
      calls: [
        call({ held: true, heldAt: Date.now() - 90_000 }),
        call({ sid: 'CA-3', to: 'client:dave', consultFor: 'CA-1' }),
      ],
    });
    expect(screen.getByRole('list', { name: 'Tus llamadas' })).toHaveTextContent('En espera desde hace 2 minutos');
    expect(englishIn(container)).toEqual([]);
  });

  it('after call: summary, feedback, confirmation', async () => {
    const u = userEvent.setup({ delay: null });
    show({ calls: [call({ status: 'closed', endedAt: Date.now(), endReason: 'remote-hangup' })] });
    const summary = screen.getByRole('region', { name: 'Terminó la llamada con bob' });
    expect(summary).toHaveTextContent('Hablasteis 5 segundos');
    expect(englishIn(container)).toEqual([]);
    fireEvent.click(within(summary).getByRole('radio', { name: '4 de 5' }));
    await u.click(within(summary).getByRole('button', { name: 'Enviar opinión' }));
    expect(within(summary).getByRole('status')).toHaveTextContent('Gracias, tu opinión se ha enviado.');
    expect(englishIn(container)).toEqual([]);
  });

  it('errors: a known code, an action failure, a blocked microphone, a follower tab, a missing device', async () => {
    show({
      device: { state: 'unregistered', tab: { role: 'follower', tabs: 2 } },
      microphone: { permission: 'denied' },
      audio: { savedDeviceMissing: ['input'] },
      lastError: {
        code: 31401,
        message: 'Permission denied',
        explanation: 'x',
        solutions: ['y'],
        severity: 'blocking',
        source: 'microphone',
        at: 5,
      },
    });
    expect(screen.getByRole('alert')).toHaveTextContent('El micrófono está bloqueado.');
    expect(englishIn(container)).toEqual([]);
    show({
      device: { state: 'initializing', tokenExpiresAt: null },
      lastError: {
        code: 31486,
        message: 'Busy',
        explanation: '',
        solutions: [],
        severity: 'transient',
        source: 'call',
        at: 6,
      },
    });
    expect(englishIn(container)).toEqual([]);
  });
});

describe('messages and Intl', () => {
  it('a host’s messages override single strings of the locale', () => {
    const own = createFakeService(buildState({ instance: 'eve', device: { identity: 'eve' } }));
    const { getByRole, unmount: close } = renderApp(own, {
      locale: 'es-MX',
      messages: { 'dial.call': 'Marcar', 'no.such.key': 'x' },
    });
    const phone = within(getByRole('region', { name: 'Teléfono eve' }));
    expect(phone.getByRole('button', { name: 'Marcar' })).toBeInTheDocument();
    expect(phone.getByRole('button', { name: 'Borrar' })).toBeInTheDocument();
    close();
  });

  it('formats durations, numbers and relative times for the locale', () => {
    const esT = createTranslator('es');
    const enT = createTranslator('en');
    expect(esT.span(125_000)).toBe('2 minutos');
    expect(enT.span(125_000)).toBe('2 minutes');
    expect(esT.number(1234.5)).toBe(new Intl.NumberFormat('es').format(1234.5));
    expect(esT.ago(5000)).toBe('hace 5 segundos');
    expect(enT.clock(3_723_000)).toBe('1:02:03');
    expect(createTranslator('not a locale!').locale).toBe('en');
  });
});
