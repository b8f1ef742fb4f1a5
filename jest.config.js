// Five projects: jsdom unit tests (src/ layers and the demo's sibling apps), node tests (server/ and the
// webpack output in dist/), the packed npm package in a fresh host project, browser integration tests that drive the real @twilio/voice-sdk in headless
// Chromium against the local gateway, and end-to-end tests of the demo as `npm start` serves it.
// jose ships ESM only; Jest (CommonJS on Node 20) must transform it like our own sources.
const transformIgnorePatterns = ['/node_modules/(?!jose/)'];
// src/contract and server/ use NodeNext `.js` specifiers; Jest resolves them to the .ts sources.
// MUI's no-CSS-variables theme modules, which its package exports do not list (webpack.config.js, muiNoVarsResolve).
const muiStyles = '<rootDir>/node_modules/@mui/material/styles';
const moduleNameMapper = {
  '^(\\.{1,2}/.*)\\.js$': '$1',
  '^@mui/material/styles/(createThemeNoVars|ThemeProviderNoVars)$': `${muiStyles}/$1.js`,
};
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'jsdom',
      testMatch: [
        '<rootDir>/test/{contract,bus,voice,ui,parcel,siblings,tabs,history,notifications}/**/*.test.{ts,tsx}',
      ],
      transform: { '^.+\\.(t|j)sx?$': swc },
      setupFilesAfterEnv: ['<rootDir>/test/setupDom.ts'],
      moduleNameMapper,
      transformIgnorePatterns,
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      // test/build reads the built bundles in dist/ (node, no DOM), like the server tests.
      testMatch: ['<rootDir>/test/server/**/*.test.ts', '<rootDir>/test/build/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper,
      transformIgnorePatterns,
    },
    {
      displayName: 'package',
      testEnvironment: 'node',
      // The packed npm package installed into a fresh host project (needs `npm run build`).
      testMatch: ['<rootDir>/test/package/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper,
      transformIgnorePatterns,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper,
      transformIgnorePatterns,
    },
  ],
};
