// Three projects: jsdom unit tests (src), node server/protocol tests, and browser integration
// tests that drive the real @twilio/voice-sdk in headless Chromium against the local gateway.
// jose ships ESM only; Jest (CommonJS on Node 20) must transform it like our own sources.
const transformIgnorePatterns = ['/node_modules/(?!jose/)'];
const swc = ['@swc/jest', {
  jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' },
  module: { type: 'commonjs' },
}];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/{contract,bus,voice,ui,parcel,build}/**/*.test.{ts,tsx}'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      setupFilesAfterEnv: ['<rootDir>/test/setup-dom.ts'],
      // src/contract (and server/, which test/contract reads) use NodeNext `.js` specifiers for the .ts sources.
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transformIgnorePatterns,
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/server/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      // server/ is ESM with NodeNext `.js` specifiers; Jest resolves them to the .ts sources.
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transformIgnorePatterns,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transformIgnorePatterns,
    },
  ],
};
