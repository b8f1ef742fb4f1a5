// Builds everything the browser loads into dist/, as four compilations:
//   module  — the in-browser module @switchboard/softphone (SystemJS, the Twilio SDK in a lazy chunk)
//   esm     — the same module as one ES module file for bundling hosts (dist/esm/), peers left as imports
//   shared  — React, ReactDOM and RxJS as SystemJS modules (React 19 ships no UMD), plus the
//             SystemJS, single-spa and import-map-overrides builds copied from node_modules
//   demo    — the demo shell: root config, the two sibling apps, index.html and importmap.json
// `webpack serve --env standalone [--env port=8080]` instead serves the parcel alone on webpack-dev-server,
// proxying /token, /client-config, /sounds and /signal to the gateway (GATEWAY_URL, default https://localhost:9000).
const path = require('node:path');
const fs = require('node:fs');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const SystemJSPublicPathWebpackPlugin = require('systemjs-webpack-interop/SystemJSPublicPathWebpackPlugin');

const root = __dirname;
const dist = path.join(root, 'dist');
const nodeModules = path.join(root, 'node_modules');

/** Shared through the import map, never bundled: one React and one RxJS for every app on the page. */
const EXTERNALS = ['single-spa', 'react', 'react-dom', 'react-dom/client', 'rxjs', 'rxjs/operators', /^@switchboard\//];

/** Files copied verbatim from node_modules into dist/shared/ (they are already SystemJS or plain scripts). */
const VENDOR_FILES = {
  'shared/system.min.js': 'systemjs/dist/system.min.js',
  'shared/system.min.js.map': 'systemjs/dist/system.min.js.map',
  'shared/single-spa.min.js': 'single-spa/lib/es2015/system/single-spa.min.js',
  'shared/single-spa.min.js.map': 'single-spa/lib/es2015/system/single-spa.min.js.map',
  'shared/import-map-overrides.js': 'import-map-overrides/dist/import-map-overrides.js',
  'shared/import-map-overrides.js.map': 'import-map-overrides/dist/import-map-overrides.js.map',
};

/** The demo page: every file under public/, plus the top-level import map. */
function shellFiles() {
  const publicDir = path.join(root, 'public');
  const files = fs.readdirSync(publicDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const map = Object.fromEntries(
    files.map((entry) => {
      const absolutePath = path.join(entry.parentPath ?? entry.path, entry.name);
      return [path.relative(publicDir, absolutePath).split(path.sep).join('/'), absolutePath];
    }),
  );
  return { ...map, 'importmap.json': path.join(root, 'importmap.json') };
}

/**
 * Names of `rxjs/operators` whose value differs from the same name in `rxjs`: the deprecated operator forms
 * of `concat`, `merge`, `zip`, ... The shared rxjs module exports them under a prefix so that
 * `shared/rxjs-operators.js` can re-export every operator from the one RxJS instance.
 */
const RXJS_DEPRECATED_OPERATOR_PREFIX = '__operator_';
function rxjsDeprecatedOperatorNames() {
  const rxjs = require('rxjs');
  const operators = require('rxjs/operators');
  return Object.keys(operators).filter((name) => rxjs[name] !== operators[name]);
}

/** A generated entry module (webpack resolves bare imports inside data: modules from the project root). */
function dataModule(source) {
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

function sharedRxjsEntries() {
  const deprecated = rxjsDeprecatedOperatorNames();
  // The same build ('default' condition: esm5) that `import 'rxjs'` resolves to, so the modules are shared.
  const operatorsIndex = JSON.stringify(path.join(nodeModules, 'rxjs/dist/esm5/operators/index.js'));
  const renamed = deprecated.map((name) => `${name} as ${RXJS_DEPRECATED_OPERATOR_PREFIX}${name}`);
  const rxjsEntry = `export * from 'rxjs';\nexport { ${renamed.join(', ')} } from ${operatorsIndex};`;
  const same = Object.keys(require('rxjs/operators')).filter((name) => !deprecated.includes(name));
  const operatorsEntry = [
    `export { ${same.join(', ')} } from 'rxjs';`,
    ...deprecated.map((name) => `export { ${RXJS_DEPRECATED_OPERATOR_PREFIX}${name} as ${name} } from 'rxjs';`),
  ].join('\n');
  return { rxjsEntry, operatorsEntry };
}

/** Emits files from disk as assets, and rebuilds when they change under watch. */
class EmitFilesPlugin {
  /** @param {() => Record<string, string>} listFiles output name -> absolute source path, read at each build */
  constructor(listFiles, watchDirectory) {
    this.listFiles = listFiles;
    this.watchDirectory = watchDirectory;
  }
  apply(compiler) {
    const name = 'EmitFilesPlugin';
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        if (this.watchDirectory) compilation.contextDependencies.add(this.watchDirectory);
        for (const [output, source] of Object.entries(this.listFiles())) {
          compilation.fileDependencies.add(source);
          // Copied as they are: `minimized` keeps Terser away from vendor builds and hand-written scripts.
          compilation.emitAsset(output, new webpack.sources.RawSource(fs.readFileSync(source)), {
            minimized: true,
            copied: true,
          });
        }
      });
    });
  }
}

/**
 * Writes module-chunks.json: the files of each named lazy chunk group (the `webpackChunkName` of a dynamic import),
 * shared split chunks included, so the size budgets (test/build/support/moduleFiles.ts) count exactly what a browser
 * fetches when the parcel mounts, and what only later (the SDK, the contract schemas, ...). Not part of the package.
 * The groups: softphone-ui and bus-validators (at mount), twilio-voice-sdk (the first Device start), call-handling
 * (the call commands and call control: the first command, or prefetched when idle after registration; see
 * src/voice/lazyCallHandling.ts), softphone-calls and mui-ripple (prefetched when idle after mount), phone-numbers
 * and contract-schemas (on demand), softphone-es (a Spanish locale), mui-css-vars (a host theme with CSS variables).
 */
class ChunkGroupsManifestPlugin {
  apply(compiler) {
    const name = 'ChunkGroupsManifestPlugin';
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const groups = {};
        for (const [groupName, group] of compilation.namedChunkGroups) {
          if (group.isInitial()) continue; // the entry itself
          const files = group.chunks.flatMap((chunk) => [...chunk.files].filter((file) => file.endsWith('.js')));
          groups[groupName] = [...new Set(files)].sort();
        }
        const sorted = Object.fromEntries(Object.entries(groups).sort(([a], [b]) => a.localeCompare(b)));
        compilation.emitAsset('module-chunks.json', new webpack.sources.RawSource(JSON.stringify(sorted, null, 2)));
      });
    });
  }
}

function inNodeModules(files) {
  return () => Object.fromEntries(Object.entries(files).map(([out, rel]) => [out, path.join(nodeModules, rel)]));
}

/**
 * MUI's CSS-variables theme code (~8 KB gz) kept out of the softphone: @mui/material's createTheme() imports the
 * CSS-variables builder for a branch the softphone's own theme never takes (src/ui/theme/softphoneTheme.tsx builds
 * with createThemeNoVars and provides with ThemeProviderNoVars: src/ui/theme/muiNoVarsPrivate.ts here, MUI's public
 * createTheme/ThemeProvider for other tools, the same for those options; it loads MUI's full path lazily only for a host theme
 * that asks for CSS variables or colour schemes), and every component's default theme comes from that createTheme():
 * styles/defaultTheme.mjs, and Box's own createTheme() from styles/index.mjs. MUI's package exports do not list the
 * no-vars modules, so they are aliased by file; the components' default theme is pointed at src/ui/theme/
 * muiDefaultTheme.ts (the same theme: test/ui/noVarsTheme.test.tsx; none of that code at mount:
 * test/build/bundles.test.ts). Each file must exist: an MUI upgrade that moves one fails the build here.
 */
function muiFile(relative) {
  const file = path.join(nodeModules, '@mui/material', relative);
  if (!fs.existsSync(file))
    throw new Error(`webpack.config.js: ${file} is gone (MUI upgrade?): update muiNoVarsResolve or muiRules`);
  return file;
}
const MUI_DEFAULT_THEME = path.join(root, 'src/ui/theme/muiDefaultTheme.ts');
function muiNoVarsResolve() {
  return {
    alias: {
      '@mui/material/styles/createThemeNoVars$': muiFile('styles/createThemeNoVars.mjs'),
      '@mui/material/styles/ThemeProviderNoVars$': muiFile('styles/ThemeProviderNoVars.mjs'),
      [muiFile('styles/defaultTheme.mjs')]: MUI_DEFAULT_THEME,
      [path.join(root, 'src/ui/theme/muiNoVars.ts')]: path.join(root, 'src/ui/theme/muiNoVarsPrivate.ts'),
    },
  };
}
/**
 * A rule that, inside one MUI file only, resolves one of its imports to another module: how the builds leave out
 * MUI code the softphone never runs at mount (test/build/muiAliases.test.ts holds each redirect to the sources).
 */
function insideMuiFile(importer, imported, replacement) {
  return { test: muiFile(importer), resolve: { alias: { [muiFile(imported)]: replacement } } };
}
/** The rules of the module and ESM builds that point MUI imports the softphone never runs at smaller modules. */
function muiRules() {
  const ours = (file) => path.join(root, 'src/ui', file);
  return [
    // Box imports `createTheme` from styles/index.mjs for its default theme: for Box alone, that import is ours.
    insideMuiFile('Box/Box.mjs', 'styles/index.mjs', MUI_DEFAULT_THEME),
    // InputBase imports TextareaAutosize for `multiline` fields, and no softphone field is multiline: the stand-in
    // throws if one ever renders.
    insideMuiFile('InputBase/InputBase.mjs', 'TextareaAutosize/index.mjs', ours('components/TextareaNotBuilt.tsx')),
    // NativeSelect's default `input` is MUI's standard Input, never rendered: the softphone's only NativeSelect
    // (src/ui/components/Field.tsx) passes an OutlinedInput, already loaded, which the stand-in re-exports.
    insideMuiFile('NativeSelect/NativeSelect.mjs', 'Input/index.mjs', ours('components/NativeSelectInputDefault.ts')),
    // ButtonBase's TouchRipple (~1.5 KB gz) mounts only at a button's first press or keyboard focus: the stand-in
    // loads it as a chunk (mui-ripple) when the browser is idle after mount.
    insideMuiFile('ButtonBase/ButtonBase.mjs', 'ButtonBase/TouchRipple.mjs', ours('components/LazyTouchRipple.tsx')),
    HOIST_STATICS_RULE,
  ];
}
/**
 * hoist-non-react-statics (a pure function, CommonJS, with its own copy of react-is: ~1 KB gz) declares no
 * `sideEffects`, so @emotion/react's bare `import 'hoist-non-react-statics'` kept it in the UI chunk although only
 * emotion's withTheme, which the softphone never uses, calls it. Declared side-effect free, it goes with withTheme.
 */
const HOIST_STATICS_RULE = { test: /[\\/]node_modules[\\/]hoist-non-react-statics[\\/]/, sideEffects: false };

function typescriptRule(mode) {
  return {
    test: /\.(ts|tsx)$/,
    exclude: /node_modules/,
    use: {
      loader: 'swc-loader',
      options: {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic', development: mode === 'development' } },
          // Evergreen browsers only (the Voice SDK's own support): class fields stay native instead of a
          // defineProperty helper per class, and `??=` stays as written.
          target: 'es2022',
        },
      },
    },
  };
}

function common(mode, uniqueName) {
  return {
    mode,
    context: root,
    // Lets webpack's runtime use arrow functions, const, destructuring, ... and Terser print ES2020.
    target: ['web', 'es2022'],
    devtool: 'source-map',
    // src/contract is ESM with NodeNext `.js` specifiers (server/ imports it too): they name the .ts sources.
    resolve: { extensions: ['.tsx', '.ts', '.mjs', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } },
    module: { rules: [typescriptRule(mode)] },
    output: {
      path: dist,
      libraryTarget: 'system',
      // Distinct per compilation so lazy chunks of different apps never share a JSONP callback.
      uniqueName,
    },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

function moduleConfig(mode) {
  return {
    ...common(mode, 'switchboard-softphone'),
    name: 'module',
    // The zod-free public API: the schemas load on demand (loadContractSchemas), the client's validators lazily.
    entry: { 'switchboard-softphone': './src/publicApi.ts' },
    output: {
      ...common(mode, 'switchboard-softphone').output,
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      // Lazy chunks load as CORS requests, like SystemJS loads the entry: a shell on another origin gets them only
      // when the server's CORS_ORIGINS lists it, and script errors in them are reported in full.
      crossOriginLoading: 'anonymous',
    },
    resolve: { ...common(mode, 'switchboard-softphone').resolve, ...muiNoVarsResolve() },
    module: { rules: [typescriptRule(mode), ...muiRules()] },
    externals: EXTERNALS,
    optimization: {
      // No vendor chunk split off a lazy chunk: MUI and emotion load with the UI anyway, and in the UI's own chunk
      // webpack concatenates them with our modules (no wrapper and import per module) and gzip sees one stream.
      // Modules that several lazy chunks share still get one shared chunk (the `default` group).
      splitChunks: { cacheGroups: { defaultVendors: false } },
      minimizeOptions: { javascript: { compress: { passes: 3 } } },
    },
    // The Voice SDK's chunk is named by the `webpackChunkName` comment on its dynamic import (src/voice/sdkAdapter.ts).
    plugins: [new SystemJSPublicPathWebpackPlugin(), new ChunkGroupsManifestPlugin()],
  };
}

/** What an ESM host's bundler resolves from its own node_modules: the peers, and zod (a dependency). */
const ESM_EXTERNALS = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^rxjs($|\/)/,
  /^single-spa($|\/)/,
  /^single-spa-react($|\/)/,
  /^zod($|\/)/,
];

/**
 * The ESM build for bundling hosts (`import` in package.json `exports`): one file, since a host's bundler cannot
 * follow webpack's runtime chunk loading; the host's bundler splits it as it likes. MUI, emotion and the Voice SDK
 * are inside, so a host installs only the peers and zod.
 */
function esmConfig(mode) {
  const base = common(mode, 'switchboard-softphone-esm');
  return {
    ...base,
    name: 'esm',
    entry: { 'switchboard-softphone': './src/switchboard-softphone.tsx' },
    experiments: { outputModule: true },
    output: {
      path: path.join(dist, 'esm'),
      filename: '[name].mjs',
      module: true,
      chunkFormat: 'module',
      library: { type: 'module' },
      publicPath: '',
      uniqueName: 'switchboard-softphone-esm',
    },
    resolve: { ...base.resolve, ...muiNoVarsResolve() },
    module: { rules: [typescriptRule(mode), ...muiRules()] },
    externalsType: 'module',
    externals: ESM_EXTERNALS,
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  };
}

function sharedConfig(mode) {
  const { rxjsEntry, operatorsEntry } = sharedRxjsEntries();
  const rxjsEntryUri = dataModule(rxjsEntry);
  return {
    ...common(mode, 'switchboard-shared'),
    name: 'shared',
    entry: {
      'shared/react': 'react',
      'shared/react-dom': 'react-dom',
      'shared/react-dom-client': 'react-dom/client',
      'shared/rxjs': rxjsEntryUri,
      'shared/rxjs-operators': dataModule(operatorsEntry),
    },
    output: { ...common(mode, 'switchboard-shared').output, filename: '[name].js' },
    // Each module imports the others through the import map, so the page holds one React and one RxJS.
    // An entry's own request ('react-dom') and the rxjs entry's `export * from 'rxjs'` are bundled; any other
    // import of these names, from inside a bundle, resolves to the shared module instead.
    externals: ({ request, contextInfo }, callback) => {
      const issuer = contextInfo?.issuer ?? '';
      const bundlesItself = issuer === '' || (issuer === rxjsEntryUri && request === 'rxjs');
      callback(undefined, ['react', 'react-dom', 'rxjs'].includes(request) && !bundlesItself ? request : undefined);
    },
    plugins: [new EmitFilesPlugin(inNodeModules(VENDOR_FILES))],
  };
}

function demoConfig(mode) {
  return {
    ...common(mode, 'switchboard-demo'),
    name: 'demo',
    entry: {
      'switchboard-root-config': './demo/rootConfig/index.ts',
      'switchboard-contacts': './demo/contacts/index.ts',
      'switchboard-call-log': './demo/callLog/index.tsx',
    },
    output: { ...common(mode, 'switchboard-demo').output, filename: '[name].js' },
    module: {
      rules: [
        typescriptRule(mode),
        // The demo shares rules with the module (e.g. the root config's identity check from src/contract/validation).
        // The contract's files only declare schemas, rules and types, so a demo bundle keeps just what it uses
        // instead of every zod schema of the bus.
        { test: path.join(root, 'src', 'contract'), sideEffects: false },
      ],
    },
    externals: EXTERNALS,
    plugins: [new EmitFilesPlugin(shellFiles, path.join(root, 'public'))],
  };
}

/** The parcel alone on webpack-dev-server; a running gateway (npm start, or GATEWAY_URL) serves /token and the signalling. */
async function standaloneConfig(env) {
  const { default: StandaloneSingleSpaPlugin } = await import('standalone-single-spa-webpack-plugin');
  const base = moduleConfig('development');
  const gateway = process.env.GATEWAY_URL ?? 'https://localhost:9000';
  // Shared dependencies only: the plugin maps the parcel itself to the dev server's bundle.
  const { imports } = JSON.parse(fs.readFileSync(path.join(root, 'importmap.json'), 'utf8'));
  const importMap = {
    imports: Object.fromEntries(Object.entries(imports).filter(([name]) => !name.startsWith('@switchboard/'))),
  };
  const standalone = {
    ...base,
    name: 'standalone',
    output: { ...base.output, publicPath: '/' },
    plugins: [
      ...base.plugins,
      new HtmlWebpackPlugin({
        title: 'Switchboard softphone (standalone)',
        favicon: path.join(root, 'public/favicon.svg'),
      }),
      new StandaloneSingleSpaPlugin({
        appOrParcelName: '@switchboard/softphone',
        isParcel: true,
        moduleFormat: 'systemjs',
        importMap,
        importMapOverrides: false,
        HtmlWebpackPlugin,
        customProps: {},
        startOptions: { urlRerouteOnly: true },
      }),
      new StandalonePagePlugin(),
    ],
    devServer: {
      port: Number(env.port ?? 8080),
      static: false,
      proxy: [
        {
          context: ['/token', '/client-config', '/sounds', '/signal', '/control'],
          target: gateway,
          secure: false,
          ws: true,
          changeOrigin: true,
        },
      ],
      client: { overlay: { warnings: false } },
    },
  };
  // The shared modules are built alongside in the same (development) mode: React's development build is the
  // one that matches the development JSX runtime bundled into the parcel. Nothing comes from a CDN.
  return [
    standalone,
    { ...sharedConfig('development'), output: { ...sharedConfig('development').output, publicPath: '/' } },
  ];
}

/**
 * Adapts the standalone plugin's page to this project: its <script> tags point at jsDelivr, rewritten to the
 * local copies (this machine, and many intranets, have no internet); and its parcel runtime mounts without
 * props, so the softphone's props are added (identity from `?identity=`, default alice). Both rewrites fail
 * the build loudly if a plugin upgrade changes what they match.
 */
class StandalonePagePlugin {
  apply(compiler) {
    const cdn = 'https://cdn.jsdelivr.net/npm/';
    const local = { 'systemjs/dist/system.js': '/shared/system.min.js', 'systemjs/dist/extras/amd.js': null };
    const parcelProps = "{ domElement: parcelContainer, name: '@switchboard/softphone' }";
    const softphoneProps =
      "{ domElement: parcelContainer, name: '@switchboard/softphone', identity: new URLSearchParams(location.search).get('identity') || 'alice', tokenUrl: '/token', configUrl: '/client-config' }";
    compiler.hooks.compilation.tap('StandalonePagePlugin', (compilation) => {
      HtmlWebpackPlugin.getCompilationHooks(compilation).alterAssetTags.tap(
        { name: 'StandalonePagePlugin', stage: 10 },
        (data) => {
          const scripts = data.assetTags.scripts;
          let propsAdded = false;
          for (let i = scripts.length - 1; i >= 0; i -= 1) {
            const tag = scripts[i];
            const src = tag.attributes?.src;
            if (typeof src === 'string' && src.startsWith(cdn)) {
              const replacement = local[src.slice(cdn.length)];
              if (replacement === undefined) throw new Error(`StandalonePagePlugin: no local copy for ${src}`);
              if (replacement === null) scripts.splice(i, 1);
              else tag.attributes.src = replacement;
            } else if (typeof tag.innerHTML === 'string' && tag.innerHTML.includes(parcelProps)) {
              tag.innerHTML = tag.innerHTML.replace(parcelProps, softphoneProps);
              propsAdded = true;
            }
          }
          if (!propsAdded)
            throw new Error(
              'StandalonePagePlugin: the standalone parcel runtime changed; cannot add the softphone props.',
            );
          return data;
        },
      );
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  if (env.standalone) return standaloneConfig(env);
  const mode = argv.mode === 'development' ? 'development' : 'production';
  // Four compilers share dist/, so no single one may clean it: start every build from an empty folder
  // so stale hashed chunks never linger (the budget test and the server see exactly one build).
  if (!argv.watch) fs.rmSync(path.resolve(__dirname, 'dist'), { recursive: true, force: true });
  return [moduleConfig(mode), esmConfig(mode), sharedConfig(mode), demoConfig(mode)];
};
module.exports.EXTERNALS = EXTERNALS;
