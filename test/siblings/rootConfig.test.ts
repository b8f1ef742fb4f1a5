/**
 * @jest-environment jsdom
 *
 * Pieces of the demo root config that decide what the shell mounts and what it accepts from the import map.
 */
import fc from 'fast-check';
import { IDENTITY_PATTERN } from '../../src/contract/validation';
import { toLifecycles } from '../../demo/lifecycles';
import { chooseDisplay, choosePhones, DEFAULT_IDENTITIES } from '../../demo/rootConfig/phones';
import { importModule } from '../../demo/systemLoader';

describe('choosePhones', () => {
  it('mounts alice and bob by default', () => {
    expect(choosePhones('')).toEqual({ identities: ['alice', 'bob'] });
    expect(DEFAULT_IDENTITIES).toEqual(['alice', 'bob']);
  });

  it('mounts only ?identity=NAME when given', () => {
    expect(choosePhones('?identity=carol')).toEqual({ identities: ['carol'] });
    expect(choosePhones('?x=1&identity=agent_7.eu-west')).toEqual({ identities: ['agent_7.eu-west'] });
  });

  it.each(['', '<script>', 'a b', 'x'.repeat(122), 'é'])(
    'rejects the identity %p and falls back to the defaults',
    (name) => {
      expect(choosePhones(`?identity=${encodeURIComponent(name)}`)).toEqual({
        identities: ['alice', 'bob'],
        rejected: name,
      });
    },
  );

  it('mounts agent@acme, an identity the token server issues tokens for', () => {
    expect(choosePhones(`?identity=${encodeURIComponent('agent@acme')}`)).toEqual({ identities: ['agent@acme'] });
    expect(choosePhones('?identity=agent%2B1@acme.example')).toEqual({ identities: ['agent+1@acme.example'] });
  });

  it('accepts exactly the identities the contract accepts (property, fast-check)', () => {
    const query = (name: string) => `?identity=${encodeURIComponent(name)}`;
    fc.assert(
      fc.property(fc.stringMatching(IDENTITY_PATTERN), (name) => {
        expect(choosePhones(query(name))).toEqual({ identities: [name] });
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 130 }), (name) => {
        const expected = IDENTITY_PATTERN.test(name)
          ? { identities: [name] }
          : { identities: ['alice', 'bob'], rejected: name };
        expect(choosePhones(query(name))).toEqual(expected);
      }),
    );
  });
});

describe('toLifecycles', () => {
  const fn = () => Promise.resolve();

  it('copies the lifecycles out of a frozen module namespace', () => {
    const mod = Object.freeze({ bootstrap: fn, mount: [fn, fn], unmount: fn, update: fn, createSoftphoneClient: fn });
    const lifecycles = toLifecycles('m', mod);
    expect(lifecycles).toEqual({ bootstrap: fn, mount: [fn, fn], unmount: fn, update: fn });
    expect(Object.isFrozen(lifecycles)).toBe(false);
  });

  it('leaves update out when the module has none', () => {
    expect(toLifecycles('m', { bootstrap: fn, mount: fn, unmount: fn })).not.toHaveProperty('update');
  });

  it.each([
    [undefined, 'bootstrap, mount, unmount'],
    [{ bootstrap: fn, mount: fn }, 'unmount'],
    [{ bootstrap: fn, mount: 'yes', unmount: fn }, 'mount'],
    [{ bootstrap: fn, mount: [fn, 1], unmount: fn }, 'mount'],
  ])('names the missing lifecycles of %p', (mod, missing) => {
    expect(() => toLifecycles('@x/y', mod)).toThrow(`@x/y does not export the single-spa lifecycle(s) ${missing}.`);
  });

  it('rejects an update that is not a lifecycle', () => {
    expect(() => toLifecycles('@x/y', { bootstrap: fn, mount: fn, unmount: fn, update: 3 })).toThrow('invalid update');
  });
});

describe('importModule', () => {
  afterEach(() => {
    delete (globalThis as { System?: unknown }).System;
  });

  it('rejects clearly when SystemJS is not on the page', async () => {
    await expect(importModule('@switchboard/softphone')).rejects.toThrow(
      'Cannot load @switchboard/softphone: SystemJS is not on the page.',
    );
  });

  it('loads through System.import', async () => {
    const load = jest.fn((id: string) => Promise.resolve({ id }));
    (globalThis as { System?: unknown }).System = { import: load };
    await expect(importModule('@switchboard/contacts')).resolves.toEqual({ id: '@switchboard/contacts' });
    expect(load).toHaveBeenCalledWith('@switchboard/contacts');
  });
});

describe('chooseDisplay (?locale=, ?theme=)', () => {
  it('takes a language tag and the dark theme, and ignores anything else', () => {
    expect(chooseDisplay('')).toEqual({ theme: 'light' });
    expect(chooseDisplay('?locale=es&theme=dark')).toEqual({ locale: 'es', theme: 'dark' });
    expect(chooseDisplay('?locale=es-MX')).toEqual({ locale: 'es-MX', theme: 'light' });
    expect(chooseDisplay('?locale=<script>&theme=neon')).toEqual({ theme: 'light' });
  });
});
