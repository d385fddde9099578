// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'tab/web/dist/', '.data/', 'coverage/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'Only bot/ may import botbuilder.' }] },
      ],
    },
  },
  {
    files: ['bot/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['botbuilder', 'botbuilder-*', 'react', 'react-dom', '@microsoft/teams-js', '@fluentui/*'], message: 'core/ imports no framework.' }] },
      ],
    },
  },
);
