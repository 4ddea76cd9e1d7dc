// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_PROCESS_ENV = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/config.ts only.',
};
// All SQL lives in src/repositories (and src/storage: migrations, locks): services, routes and the
// CLI call repository functions. No file in src/ is exempt.
const NO_SQL = [
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]",
    message: 'Queries belong in src/repositories: add or reuse a repository function.',
  },
  {
    selector: "ImportDeclaration[source.value='kysely'] > ImportSpecifier[imported.name='sql']",
    message: 'Raw SQL belongs in src/repositories or src/storage.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'data', 'test-output', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Fastify plugins are async functions that may not await anything.
      '@typescript-eslint/require-await': 'off',
      'no-restricted-syntax': ['error', NO_PROCESS_ENV],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_PROCESS_ENV, ...NO_SQL] },
  },
  {
    files: ['src/repositories/**/*.ts', 'src/storage/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_PROCESS_ENV] },
  },
  {
    // The domain is pure: no storage, no HTTP, no filesystem, no clock. Time is passed in.
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/storage/**', '**/repositories/**', '**/http/**', '**/services/**', '**/cli/**'],
              message: 'src/domain must stay pure.',
            },
            {
              group: [
                'node:fs',
                'node:fs/*',
                'fs',
                'fs/*',
                'node:http',
                'node:net',
                'kysely',
                'pg',
                'better-sqlite3',
                'fastify',
              ],
              message: 'src/domain must not do I/O.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass the time in; the domain has no clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass the time in; the domain has no clock.',
        },
        {
          selector: "MemberExpression[object.name='process']",
          message: 'The domain does not read the process.',
        },
        ...NO_SQL,
      ],
    },
  },
  {
    // The readers of the environment; SQL stays forbidden here too.
    files: [
      'src/config.ts',
      // The program entry hands the process's arguments and environment to runCli.
      'src/cli/main.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', ...NO_SQL] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**', 'web/vite.config.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['eslint.config.js', 'scripts/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Build scripts run on Node: its globals are defined (no-undef is left to TypeScript elsewhere).
  { files: ['scripts/**/*.mjs'], rules: { 'no-undef': 'off' } },
);
