// Lint TypeScript sources with typescript-eslint's recommended rules; `any` is banned in our code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '.cert/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Small modules with one job each: the architecture's size limits, checked on what ships and the server.
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Layers import downward only: contract <- bus <- voice <- ui <- parcel <- entry; server/ sees only the contract.
    files: ['src/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../bus/*', '../voice/*', '../ui/*', '../parcel/*', '../../*'] }],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The fake service and state builder are for test/ and bench/: nothing the module or the demo ships imports them.
    files: ['src/**', 'demo/**'],
    ignores: ['src/contract/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/contract/testing', '**/contract/testing/*'],
              message: 'Test doubles are for test/ and bench/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
