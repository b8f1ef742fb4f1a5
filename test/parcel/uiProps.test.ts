/** The parcel's rendering props of the redesign: locale, messages, defaultCountry, shortcuts (validated; untrusted). */
import { parseParcelProps, serviceConfigOf } from '../../src/parcel/props';

const base = { identity: 'alice' };

describe('UI props', () => {
  it('accepts locale, messages, defaultCountry and shortcuts, and keeps them out of the service config', () => {
    const parsed = parseParcelProps({
      ...base,
      locale: 'es-MX',
      messages: { 'dial.call': 'Marcar' },
      defaultCountry: 'US',
      shortcuts: { answer: 'Ctrl+Alt+1', reject: null },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.props).toMatchObject({ locale: 'es-MX', defaultCountry: 'US' });
    const config = serviceConfigOf(parsed.props) as Record<string, unknown>;
    for (const key of ['locale', 'messages', 'defaultCountry', 'shortcuts', 'compact', 'theme'])
      expect(key in config).toBe(false);
    expect(parseParcelProps({ ...base, shortcuts: false }).ok).toBe(true);
  });

  it.each([
    [{ locale: 'not a locale!' }, 'locale'],
    [{ defaultCountry: 'usa' }, 'defaultCountry'],
    [{ shortcuts: { answer: 'Alt+Shift+a' } }, 'shortcuts.answer'],
    [{ shortcuts: { launch: 'Alt+L' } }, 'shortcuts'],
    [{ messages: { 'dial.call': 42 } }, 'messages.dial.call'],
  ])('refuses %j naming %s', (props, path) => {
    const parsed = parseParcelProps({ ...base, ...props });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(path);
  });
});
