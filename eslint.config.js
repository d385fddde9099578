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
    // The tab derives its wire types from core's; `import type` keeps core's code out of the bundle.
    // core/time is the exception: its pure London date helpers are shared with the bot on purpose.
    files: ['tab/web/**/*.ts', 'tab/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'Only bot/ may import botbuilder.' },
            { regex: '/core/(?!time/)', allowTypeImports: true, message: 'The tab takes only types from core/: use `import type`.' },
          ],
        },
      ],
    },
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
