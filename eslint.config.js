import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Processes and logging sinks are adapters: they may be imported only by the adapter folders
// (bzfs: exec/ starts processes, infra/ writes logs and lock files; jobrunner: launch/ and infra/),
// so that planning and orchestration stay testable without them. Tests are exempt.
const ADAPTER_ONLY = [
  {
    name: 'node:child_process',
    message: 'Start processes only in an adapter (bzfs exec/, jobrunner launch/ or infra/).',
  },
  {
    name: 'child_process',
    message: 'Start processes only in an adapter (bzfs exec/, jobrunner launch/ or infra/).',
  },
  { name: 'execa', message: 'Start processes only in an adapter (bzfs exec/, jobrunner launch/ or infra/).' },
  { name: 'winston', message: 'Create loggers only in infra/ (use the Logger interface elsewhere).' },
];
const restrict = (allowed) => ['error', { paths: ADAPTER_ONLY.filter((p) => !allowed.includes(p.name)) }];
const PROCESSES = ['node:child_process', 'child_process', 'execa'];
const TS_SOURCES = ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts', 'packages/*/tools/**/*.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict([]),
    },
  },
  { files: ['packages/bzfs/src/exec/**/*.ts'], rules: { 'no-restricted-imports': restrict(PROCESSES) } },
  { files: ['packages/bzfs/src/infra/**/*.ts'], rules: { 'no-restricted-imports': restrict(['winston']) } },
  {
    files: ['packages/jobrunner/src/launch/**/*.ts', 'packages/jobrunner/src/infra/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...PROCESSES, 'winston']) },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // An import cycle makes module initialisation order matter (a const read before its module ran
    // is undefined at runtime, not a type error) and blurs the layering above. The TypeScript
    // resolver maps the sources' `./x.js` specifiers to `./x.ts` (and @bzfs-ts/bzfs to its src).
    files: TS_SOURCES,
    plugins: { 'import-x': importX },
    settings: {
      // Without these import-x parses only .js files, so a cycle through .ts files goes unseen.
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.check.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Type-aware: a promise nobody awaits loses its rejection (an unhandled rejection kills node, or
    // a failed kill/cleanup goes unnoticed) and a promise passed where a void callback is expected
    // (an event handler, a timer) is never awaited. One program, tsconfig.check.json, covers all.
    files: TS_SOURCES,
    languageOptions: {
      parserOptions: { project: 'tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // yargs' parse() is typed `Arguments | Promise<Arguments>`: it returns a promise only when the
      // parser has async middleware or command handlers, which ours have not (the jobrunner reads its
      // result in parse()'s callback, which has run when parse() returns).
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'yargs', name: 'parse' }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
