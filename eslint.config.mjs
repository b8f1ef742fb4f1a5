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
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The fake service and state builder are for test/ and bench/: nothing the module or the demo ships imports them.
    files: ['src/**', 'demo/**'],
    ignores: ['src/contract/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/contract/testing', '**/contract/testing/*'], message: 'Test doubles are for test/ and bench/ only.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
