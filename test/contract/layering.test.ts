/**
 * @jest-environment node
 *
 * src/contract is the ground floor that server/ imports as ESM (NodeNext, tsx): its relative imports stay
 * inside it and name their files with `.js`, and its only packages are zod/mini (with its English locale), libphonenumber and rxjs types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CONTRACT = path.resolve(__dirname, '../../src/contract');
const PACKAGES = ['zod/mini', 'zod/locales', 'libphonenumber-js/min', 'rxjs'];

function specifiersOf(file: string): string[] {
  const source = readFileSync(path.join(CONTRACT, file), 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((match) => match[1]!);
}

const files = readdirSync(CONTRACT).filter((file) => file.endsWith('.ts'));

describe('src/contract', () => {
  it('is an ES module package', () => {
    expect(JSON.parse(readFileSync(path.join(CONTRACT, 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
  });

  it('finds the imports it checks (schema.ts gathers many)', () => {
    expect(specifiersOf('schema.ts').length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports only its siblings (by .js name) and the allowed packages', (file) => {
    for (const specifier of specifiersOf(file)) {
      if (specifier.startsWith('.')) expect(specifier).toMatch(/^\.\/[A-Za-z]+\.js$/);
      else expect(PACKAGES).toContain(specifier);
    }
  });
});
