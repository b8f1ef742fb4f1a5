/**
 * The production build (`npm run build`) as the browser receives it from dist/: module format, externals,
 * the lazy Twilio SDK chunk, size budget, the shared SystemJS modules and the demo shell's import map.
 * Runs against an existing dist/; when any output is missing it builds first with webpack's node API.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { DIST_DIR as dist, missingOutputs, REPO_ROOT as root } from '../support/dist';
import { chunkGroups } from './support/moduleFiles';

const ENTRY = 'switchboard-softphone.js';
const ENTRY_GZIP_BUDGET = 60 * 1024;

/** The externals the module may import through the import map, and nothing else. */
const ALLOWED_EXTERNALS = ['single-spa', 'react', 'react-dom', 'react-dom/client', 'rxjs', 'rxjs/operators'];
const isAllowedExternal = (name: string) => ALLOWED_EXTERNALS.includes(name) || name.startsWith('@switchboard/');

const IMPORT_MAP_NAMES = [
  'react',
  'react-dom',
  'react-dom/client',
  'rxjs',
  'rxjs/operators',
  'single-spa',
  '@switchboard/softphone',
  '@switchboard/root-config',
  '@switchboard/contacts',
  '@switchboard/call-log',
];

/** Strings that exist only in the code of these libraries (error messages and internal keys). */
const SIGNATURES = {
  react: [
    'React.Children.only expected to receive a single React element child',
    'Objects are not valid as a React child',
  ],
  reactDom: ['__reactContainer$', '__reactFiber$'],
  rxjs: ['object unsubscribed', 'no elements in sequence'],
  twilioSdk: ['Setting token and publishing listen', 'Malformed invite from gateway'],
  zod: ['$ZodError'],
};

function read(file: string): string {
  return readFileSync(path.join(dist, file), 'utf8');
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(path.join(dist, file))).length;
}

async function buildWithWebpack(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as typeof import('webpack');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js')) as (
    env: object,
    argv: object,
  ) => Promise<import('webpack').Configuration[]>;
  const configs = await makeConfig({}, { mode: 'production' });
  await new Promise<void>((resolve, reject) => {
    webpack(configs, (error, stats) => {
      if (error) reject(error);
      else if (!stats || stats.hasErrors())
        reject(new Error(stats?.toString('errors-only') ?? 'webpack produced no stats'));
      else resolve();
    });
  });
}

type ModuleExports = Record<string, unknown>;

/**
 * Evaluates one System.register module the way SystemJS does (declare, feed each dependency to its setter,
 * execute) in a fresh VM context, and returns its dependency list and exports.
 */
function evaluateSystemModule(
  file: string,
  dependencies: Record<string, ModuleExports> = {},
): { dependencies: string[]; exports: ModuleExports } {
  let registered:
    | {
        deps: string[];
        declare: (
          exportFn: unknown,
          context: unknown,
        ) => { setters: ((m: ModuleExports) => void)[]; execute: () => void };
      }
    | undefined;
  const sandbox: Record<string, unknown> = {
    System: {
      register: (deps: string[], declare: NonNullable<typeof registered>['declare']) =>
        (registered = { deps, declare }),
    },
    setTimeout,
    clearTimeout,
    queueMicrotask,
    console,
  };
  sandbox.self = sandbox;
  vm.runInNewContext(read(file), sandbox, { filename: file });
  if (!registered) throw new Error(`${file} did not call System.register`);
  const exports: ModuleExports = {};
  const exportFn = (nameOrValues: string | ModuleExports, value?: unknown) => {
    if (typeof nameOrValues === 'string') exports[nameOrValues] = value;
    else Object.assign(exports, nameOrValues);
    return value;
  };
  const { setters, execute } = registered.declare(exportFn, {
    import: () => Promise.reject(new Error('no dynamic import here')),
    meta: { url: file },
  });
  registered.deps.forEach((name, i) => {
    const dependency = dependencies[name];
    if (!dependency) throw new Error(`${file} needs ${name}, which the test did not provide`);
    setters[i]?.(dependency);
  });
  execute();
  return { dependencies: registered.deps, exports };
}

/** The dependency array of `System.register([...], ...)` without running the module. */
function systemDependencies(file: string): string[] {
  const match = /System\.register\((\[[^\]]*\])/.exec(read(file));
  if (!match?.[1]) throw new Error(`${file} is not a System.register module`);
  return JSON.parse(match[1]) as string[];
}

function sdkChunkFile(): string {
  const chunks = readdirSync(dist).filter((f) => /^twilio-voice-sdk\.[0-9a-f]+\.js$/.test(f));
  expect(chunks).toHaveLength(1);
  return chunks[0]!;
}

beforeAll(async () => {
  const missing = missingOutputs(dist);
  if (missing.length > 0) {
    console.info(`dist/ lacks ${missing.join(', ')}: building it now.`);
    await buildWithWebpack();
  }
}, 300_000);

describe('the in-browser module dist/switchboard-softphone.js', () => {
  it('is a SystemJS module with a source map', () => {
    expect(read(ENTRY)).toMatch(/^(\/\*[\s\S]*?\*\/\s*)?System\.register\(/);
    expect(read(ENTRY)).toContain('sourceMappingURL=switchboard-softphone.js.map');
    expect(existsSync(path.join(dist, `${ENTRY}.map`))).toBe(true);
  });

  it('imports only the shared externals, and at least React, ReactDOM and RxJS', () => {
    const deps = systemDependencies(ENTRY);
    expect(deps.filter((name) => !isAllowedExternal(name))).toEqual([]);
    expect(deps).toEqual(expect.arrayContaining(['react', 'react-dom/client', 'rxjs']));
    expect(new Set(deps).size).toBe(deps.length);
  });

  it('bundles no React, ReactDOM or RxJS code (they come from the import map)', () => {
    const code = read(ENTRY);
    for (const signature of [...SIGNATURES.react, ...SIGNATURES.reactDom, ...SIGNATURES.rxjs])
      expect(code).not.toContain(signature);
  });

  it('keeps the Twilio Voice SDK out of the entry, in a lazy chunk the entry knows by its content hash', () => {
    const chunk = sdkChunkFile();
    const chunkCode = read(chunk);
    for (const signature of SIGNATURES.twilioSdk) {
      expect(chunkCode).toContain(signature);
      expect(read(ENTRY)).not.toContain(signature);
    }
    const hash = /^twilio-voice-sdk\.([0-9a-f]+)\.js$/.exec(chunk)?.[1];
    expect(read(ENTRY)).toContain(hash);
  });

  it('carries no zod on the entry: the client validators and the contract schemas are lazy chunks', () => {
    for (const signature of SIGNATURES.zod) expect(read(ENTRY)).not.toContain(signature);
    const groups = chunkGroups(dist);
    for (const group of ['bus-validators', 'contract-schemas', 'softphone-ui']) {
      const files = groups[group] ?? [];
      expect({ group, zod: files.some((file) => SIGNATURES.zod.some((sig) => read(file).includes(sig))) }).toEqual({
        group,
        zod: true,
      });
    }
  });

  it('exports the schemas by name from the ESM build, and loadContractSchemas from both builds', () => {
    const esm = read('esm/switchboard-softphone.mjs');
    const names = [...esm.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
      (match[1] ?? '').split(',').map((part) =>
        part
          .trim()
          .split(/\s+as\s+/)
          .pop(),
      ),
    );
    expect(names).toEqual(expect.arrayContaining(['CommandSchema', 'SoftphoneStateSchema', 'loadContractSchemas']));
    expect(names).toEqual(expect.arrayContaining(['createSoftphoneClient', 'ERROR_CODES', 'COMMAND_TYPES']));
    expect(read(ENTRY)).toContain('loadContractSchemas');
  });

  it(`stays within the entry budget of ${ENTRY_GZIP_BUDGET / 1024} KB gzipped`, () => {
    // The module's files: its entry and its lazy chunks (named `[name].[contenthash:8].js`).
    const jsFiles = readdirSync(dist).filter((f) => f === ENTRY || /\.[0-9a-f]{8}\.js$/.test(f));
    const sizes = {
      entryGzipBytes: gzipSize(ENTRY),
      sdkChunkGzipBytes: gzipSize(sdkChunkFile()),
      moduleTotalGzipBytes: jsFiles.reduce((sum, f) => sum + gzipSize(f), 0),
      moduleFiles: jsFiles,
    };
    mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
    writeFileSync(path.join(root, 'test-artifacts', 'bundle-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
    console.info(
      `bundle sizes (gzip): entry ${sizes.entryGzipBytes} B, SDK chunk ${sizes.sdkChunkGzipBytes} B, module total ${sizes.moduleTotalGzipBytes} B`,
    );
    expect(sizes.entryGzipBytes).toBeLessThanOrEqual(ENTRY_GZIP_BUDGET);
  });
});

describe('shared dependencies in dist/shared/', () => {
  it('serve one React: react-dom and react-dom/client import react instead of bundling it', () => {
    const react = evaluateSystemModule('shared/react.js');
    expect(react.dependencies).toEqual([]);
    expect(typeof react.exports.useState).toBe('function');

    const reactDom = evaluateSystemModule('shared/react-dom.js', { react: react.exports });
    expect(reactDom.dependencies).toEqual(['react']);
    expect(typeof reactDom.exports.createPortal).toBe('function');

    const client = evaluateSystemModule('shared/react-dom-client.js', {
      react: react.exports,
      'react-dom': reactDom.exports,
    });
    expect(client.dependencies.slice().sort()).toEqual(['react', 'react-dom']);
    expect(typeof client.exports.createRoot).toBe('function');
    for (const file of ['shared/react-dom.js', 'shared/react-dom-client.js']) {
      for (const signature of SIGNATURES.react) expect(read(file)).not.toContain(signature);
    }
  });

  it('serve one RxJS: rxjs/operators re-exports every operator from the shared rxjs module', () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const operatorNames = Object.keys(require('rxjs/operators') as object);
    /* eslint-enable @typescript-eslint/no-require-imports */
    const rxjs = evaluateSystemModule('shared/rxjs.js');
    expect(rxjs.dependencies).toEqual([]);
    const operators = evaluateSystemModule('shared/rxjs-operators.js', { rxjs: rxjs.exports });
    expect(operators.dependencies).toEqual(['rxjs']);
    expect(Object.keys(operators.exports).sort()).toEqual(operatorNames.slice().sort());
    expect(operators.exports.map).toBe(rxjs.exports.map);
    expect(read('shared/rxjs-operators.js')).not.toContain(SIGNATURES.rxjs[0]);

    // The deprecated operator form of `concat` differs from the creation function, and still works.
    type Obs = { pipe(op: unknown): Obs; subscribe(observer: { next(v: unknown): void }): unknown };
    const of = rxjs.exports.of as (...values: unknown[]) => Obs;
    const concatOperator = operators.exports.concat as (other: Obs) => unknown;
    expect(concatOperator).not.toBe(rxjs.exports.concat);
    const seen: unknown[] = [];
    of(1)
      .pipe(concatOperator(of(2)))
      .subscribe({ next: (v) => seen.push(v) });
    expect(seen).toEqual([1, 2]);
  });

  it.each([
    ['shared/system.min.js', 'systemjs/dist/system.min.js'],
    ['shared/single-spa.min.js', 'single-spa/lib/es2015/system/single-spa.min.js'],
    ['shared/import-map-overrides.js', 'import-map-overrides/dist/import-map-overrides.js'],
  ])('%s is the unmodified copy of node_modules/%s', (output, source) => {
    expect(readFileSync(path.join(dist, output)).equals(readFileSync(path.join(root, 'node_modules', source)))).toBe(
      true,
    );
  });
});

describe('the demo shell', () => {
  const importMap = () => JSON.parse(read('importmap.json')) as { imports: Record<string, string> };

  it('maps every shared dependency and app to a file in dist/, on this origin', () => {
    const { imports } = importMap();
    expect(Object.keys(imports).sort()).toEqual(IMPORT_MAP_NAMES.slice().sort());
    for (const [name, url] of Object.entries(imports)) {
      expect({ name, url }).toEqual({ name, url: expect.stringMatching(/^\/(?!\/)/) });
      expect({ name, exists: existsSync(path.join(dist, url)) }).toEqual({ name, exists: true });
    }
  });

  it('is the top-level importmap.json, copied as is', () => {
    expect(read('importmap.json')).toBe(readFileSync(path.join(root, 'importmap.json'), 'utf8'));
  });

  it('index.html loads SystemJS, the import map and only local files', () => {
    const html = read('index.html');
    expect(html).toMatch(/<script type="systemjs-importmap" src="\/importmap.json"><\/script>/);
    expect(html).toContain('src="/shared/system.min.js"');
    expect(html).toContain('src="/shared/import-map-overrides.js"');
    const localRefs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(localRefs.length).toBeGreaterThan(0);
    for (const ref of localRefs)
      expect({ ref, exists: ref.startsWith('/') && !ref.startsWith('//') && existsSync(path.join(dist, ref)) }).toEqual(
        { ref, exists: true },
      );
  });

  it('names no other host in index.html or importmap.json', () => {
    for (const file of ['index.html', 'importmap.json']) {
      const urls = read(file).match(/(?:https?:)?\/\/[A-Za-z0-9.-]+/g) ?? [];
      expect({ file, urls }).toEqual({ file, urls: [] });
    }
  });

  it('builds the contacts app without any code of the softphone or RxJS (DOM events only)', () => {
    expect(systemDependencies('switchboard-contacts.js')).toEqual([]);
    const code = read('switchboard-contacts.js');
    for (const signature of SIGNATURES.rxjs) expect(code).not.toContain(signature);
    expect(code).toContain('softphone:command');
  });

  it('builds the call-log app against the module through the import map', () => {
    const deps = systemDependencies('switchboard-call-log.js');
    expect(deps).toEqual(expect.arrayContaining(['@switchboard/softphone', 'react']));
    expect(deps.filter((name) => !isAllowedExternal(name))).toEqual([]);
  });

  it('builds the root config on single-spa from the import map', () => {
    expect(systemDependencies('switchboard-root-config.js')).toEqual(['single-spa']);
  });

  it.each(['switchboard-root-config.js', 'switchboard-contacts.js', 'switchboard-call-log.js'])(
    'bundles into %s no bus schemas (zod): a demo app takes only the contract rules it uses',
    (file) => {
      for (const signature of SIGNATURES.zod) expect(read(file)).not.toContain(signature);
    },
  );
});
