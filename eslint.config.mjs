// Lint for the whole repository (`npm run lint`). Formatting is Prettier's job; these rules catch
// what a formatter cannot: promises left floating, unused code, unsafe comparisons, files that grew
// too big. Type-aware rules see the same program as `npm run typecheck`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/src/generated/**',
      '**/coverage/**',
      '.run/**',
      '.turbo/**',
      'bench/results/**',
      // Each fixture breaks one import boundary on purpose; the boundary test checks them.
      'tests/boundaries/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Before the rules below: it turns off style rules, and max-len is switched back on after it.
  prettier,
  {
    files: ['**/*.ts'],
    languageOptions: {
      // One program for the whole tree (tsconfig.typecheck.json): workspace packages resolve to
      // their sources, as in jest, so lint needs no build and sees tests too.
      parserOptions: { project: './tsconfig.typecheck.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error: the kind of bug that shows only under load.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      // The house style: most files under 150 lines, over 300 is a smell.
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      // Prettier wraps code at 120; long strings (test names, messages) may run on, comments may not.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
        },
      ],
    },
  },
  {
    // Command-line scripts talk to a person through the terminal.
    files: ['scripts/**', 'packages/contracts/scripts/**', 'deploy/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read loosely shaped answers (JSON bodies, envelopes) and assert on them; some print
    // the figures they measured (concurrency, expiry) for the reader of the run.
    files: ['**/*.test.ts', '**/test/**/*.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': 'off' },
  },
);
