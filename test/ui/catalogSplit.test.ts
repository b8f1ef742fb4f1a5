/**
 * The English catalog in two parts (src/ui/i18n): the idle screen's texts at mount, the call screens' with their
 * chunk. Held to the sources: every module that names a call-screen text (or maps to one, callWords.ts) brings the
 * texts with it, so no screen can show a key; and a translator made at mount gets them when they arrive.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { en } from '../../src/ui/i18n/en';
import { enCalls } from '../../src/ui/i18n/enCalls';
import { enIdle } from '../../src/ui/i18n/enIdle';

const UI = path.join(__dirname, '../../src/ui');
const CALL_KEYS = new Set(Object.keys(enCalls));
const BRINGS_TEXTS = /^import '\.\.?\/(i18n\/)?callTexts';/m;
/** Modules that only map states to call-screen keys: the modules that import them must bring the texts. */
const KEY_MAPS = ['callWords'];

function uiModules(): Array<{ file: string; source: string }> {
  return readdirSync(UI, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.startsWith(`i18n${path.sep}`))
    .map((file) => ({ file, source: readFileSync(path.join(UI, file), 'utf8') }));
}

const callKeysNamed = (source: string): string[] =>
  [...source.matchAll(/'([\w.-]+)'|`([\w.-]+)\.\$\{/g)]
    .map((match) => match[1] ?? `${match[2] ?? ''}.`)
    .filter((key) => CALL_KEYS.has(key) || (key.endsWith('.') && [...CALL_KEYS].some((k) => k.startsWith(key))));

describe('the English catalog split', () => {
  it('has every key once, in one part or the other', () => {
    const idle = Object.keys(enIdle);
    expect(idle.filter((key) => CALL_KEYS.has(key))).toEqual([]);
    expect(Object.keys(en).sort()).toEqual([...idle, ...CALL_KEYS].sort());
  });

  it('brings the call texts with every module that names one', () => {
    const modules = uiModules();
    const lacking = modules
      .filter(({ file, source }) => callKeysNamed(source).length > 0 && !KEY_MAPS.includes(path.basename(file, '.ts')))
      .filter(({ source }) => !BRINGS_TEXTS.test(source))
      .map(({ file }) => file);
    expect(lacking).toEqual([]);
    const keyMapUsers = modules.filter(({ source }) => KEY_MAPS.some((name) => source.includes(`/${name}'`)));
    expect(keyMapUsers.length).toBeGreaterThan(0);
    expect(keyMapUsers.filter(({ source }) => !BRINGS_TEXTS.test(source)).map(({ file }) => file)).toEqual([]);
  });

  it('gives a translator made before the call texts arrive those texts, and the host’s own for them', () => {
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { createTranslator } =
        require('../../src/ui/i18n/translator') as typeof import('../../src/ui/i18n/translator');
      const plain = createTranslator('en');
      const hosted = createTranslator('en-GB', { 'call.hangup': 'End', 'summary.close': 'Done', 'no.such': 'x' });
      expect(plain.t('app.loading')).toBe(en['app.loading']);
      expect(hosted.t('summary.close')).toBe('Done');
      expect(plain.t('call.mute')).toBeUndefined(); // not at mount
      require('../../src/ui/i18n/callTexts');
      /* eslint-enable @typescript-eslint/no-require-imports */
      expect(plain.t('call.mute')).toBe('Mute');
      expect(plain.t('summary.close')).toBe(en['summary.close']);
      expect(hosted.t('call.mute')).toBe('Mute');
      expect(hosted.t('summary.close')).toBe('Done');
      expect(hosted.t('call.hangup')).toBe('End');
    });
  });
});
