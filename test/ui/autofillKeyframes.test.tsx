/**
 * The inputs' autofill keyframes go into the emotion cache once (not one <Global> per input per mount), and the inputs
 * keep the animations MUI's autofill detection listens for.
 */
import createCache from '@emotion/cache';
import { render, screen } from '@testing-library/react';
import { SoftphoneApp } from '../../src/ui/SoftphoneApp';
import { FakeSoftphoneService } from '../../src/contract/testing';

/** Every rule of the document, whether emotion wrote it as text or with insertRule. */
const styleText = (): string =>
  Array.from(document.styleSheets)
    .flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText.replace(/\s+/g, '')))
    .join('\n');
const count = (text: string, part: string): number => text.split(part).length - 1;

it('inserts each autofill keyframes rule once per cache, however many inputs and mounts', () => {
  const cache = createCache({ key: 'autofilltest' });
  const first = render(<SoftphoneApp service={new FakeSoftphoneService('alice')} emotionCache={cache} />);
  const second = render(<SoftphoneApp service={new FakeSoftphoneService('bob')} emotionCache={cache} />);
  expect(screen.getAllByRole('textbox', { name: 'Number or client name' })).toHaveLength(2);
  const text = styleText();
  expect(count(text, '@keyframesmui-auto-fill{')).toBe(1);
  expect(count(text, '@keyframesmui-auto-fill-cancel{')).toBe(1);
  first.unmount();
  second.unmount();
  cache.sheet.flush();
});

it('gives the inputs the animations that report autofill', () => {
  const { unmount } = render(<SoftphoneApp service={new FakeSoftphoneService('alice')} />);
  const input = screen.getByRole('textbox', { name: 'Number or client name' });
  const style = getComputedStyle(input);
  expect(style.animationName).toBe('mui-auto-fill-cancel');
  expect(style.animationDuration).toBe('10ms');
  const autofilled = new RegExp(
    `\\.${input.className.split(' ').pop()}:-webkit-autofill\\{[^}]*;animation-duration:5000s;[^}]*;animation-name:mui-auto-fill;`,
  );
  expect(styleText()).toMatch(autofilled);
  unmount();
});
