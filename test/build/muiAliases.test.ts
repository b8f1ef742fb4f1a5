/**
 * What webpack.config.js leaves out of the MUI code a mount loads, held to the sources and to the built chunks: no
 * multiline field (InputBase's TextareaAutosize is a stand-in that throws), every NativeSelect passes its own input
 * (NativeSelect's default standard Input is the OutlinedInput), TouchRipple in its idle-prefetched chunk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST_DIR as dist, REPO_ROOT, missingOutputs } from '../support/dist';
import { chunkGroups, chunkSources, moduleFiles } from './support/moduleFiles';

const SRC = path.join(REPO_ROOT, 'src');
const sources = (): Array<{ file: string; text: string }> =>
  readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => ({ file, text: readFileSync(path.join(SRC, file), 'utf8') }));
const sourcesOf = (file: string): string[] => chunkSources(dist, file);
const groups = (): Record<string, string[]> => chunkGroups(dist);

describe('MUI code the softphone never runs at mount', () => {
  it('has no multiline field, nor a TextareaAutosize of its own', () => {
    const uses = sources().filter(({ text }) => /\bmultiline\b|TextareaAutosize|\bminRows\b|\bmaxRows\b/.test(text));
    expect(uses.map(({ file }) => file).filter((file) => !file.endsWith('TextareaNotBuilt.tsx'))).toEqual([]);
  });

  it('gives every NativeSelect its own input', () => {
    const selects = sources().flatMap(({ file, text }) =>
      [...text.matchAll(/<NativeSelect\b([^>]*)>/g)].map((match) => ({ file, props: match[1] ?? '' })),
    );
    expect(selects.length).toBeGreaterThan(0);
    expect(selects.filter(({ props }) => !/\binput=\{/.test(props))).toEqual([]);
  });

  describe('in the built chunks', () => {
    beforeAll(() => {
      const missing = missingOutputs(dist);
      if (missing.length > 0) throw new Error(`dist/ lacks ${missing.join(', ')}: run \`npm run build\` first`);
    });

    it('loads no TextareaAutosize, standard Input or TouchRipple at mount', () => {
      const files = moduleFiles(dist);
      const atMount = [files.entry, ...files.atMount].flatMap(sourcesOf);
      const left = /@mui\/material\/(TextareaAutosize\/|Input\/Input\.mjs|ButtonBase\/TouchRipple\.mjs)/;
      expect(atMount.filter((source) => left.test(source))).toEqual([]);
      expect(atMount.some((source) => source.endsWith('src/ui/components/LazyTouchRipple.tsx'))).toBe(true);
    });

    it('has TouchRipple in the mui-ripple chunk, which a mount prefetches when idle', () => {
      const ripple = (groups()['mui-ripple'] ?? []).flatMap(sourcesOf);
      expect(ripple.some((source) => source.endsWith('@mui/material/ButtonBase/TouchRipple.mjs'))).toBe(true);
      expect(moduleFiles(dist).idlePrefetch).toEqual(expect.arrayContaining(groups()['mui-ripple'] ?? ['?']));
    });
  });
});
