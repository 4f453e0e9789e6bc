import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Processes, logging sinks and file-system writes are adapters: they may be imported only by the
// adapter folders (bzfs: exec/ starts processes, infra/ writes logs and lock files; jobrunner:
// launch/ starts runs and writes their logs, infra/ probes this machine), so that planning and
// orchestration stay testable without them. Tests, test support and dev tools are exempt.
const PROCESS_MESSAGE = 'Start processes only in an adapter (bzfs exec/, jobrunner launch/ or infra/).';
const PROCESSES = ['node:child_process', 'child_process', 'execa'];

// The write side of the file system. Opening counts (a descriptor can write), and so do the
// `promises` object, default and namespace (`import * as fs`) imports, which reach everything.
// Reading (readFileSync, lstatSync, readdirSync, ...) stays allowed everywhere.
const FS_WRITE_CALLS = [
  'appendFile',
  'chmod',
  'chown',
  'copyFile',
  'cp',
  'fchmod',
  'fchown',
  'fdatasync',
  'fsync',
  'ftruncate',
  'futimes',
  'lchmod',
  'lchown',
  'link',
  'lutimes',
  'mkdir',
  'mkdtemp',
  'open',
  'rename',
  'rm',
  'rmdir',
  'symlink',
  'truncate',
  'unlink',
  'utimes',
  'write',
  'writeFile',
  'writev',
];
const FS_MESSAGE =
  'Write to the file system only in an adapter (bzfs exec/ or infra/, jobrunner launch/ or infra/).';
const fsWrites = (name, calls) => ({ name, importNames: ['default', ...calls], message: FS_MESSAGE });
const FS_SYNC_AND_CALLBACK = [
  ...FS_WRITE_CALLS,
  ...FS_WRITE_CALLS.map((c) => `${c}Sync`),
  'createWriteStream',
  'promises',
];
const FILE_SYSTEM = ['node:fs', 'fs', 'node:fs/promises', 'fs/promises'];

const ADAPTER_ONLY = [
  ...PROCESSES.map((name) => ({ name, message: PROCESS_MESSAGE })),
  {
    name: 'winston',
    message: 'Create loggers only in bzfs infra/ (use createLogger and the Logger interface).',
  },
  fsWrites('node:fs', FS_SYNC_AND_CALLBACK),
  fsWrites('fs', FS_SYNC_AND_CALLBACK),
  fsWrites('node:fs/promises', FS_WRITE_CALLS),
  fsWrites('fs/promises', FS_WRITE_CALLS),
];
const restrict = (allowed) => ['error', { paths: ADAPTER_ONLY.filter((p) => !allowed.includes(p.name)) }];
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
  {
    files: ['packages/bzfs/src/exec/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...PROCESSES, ...FILE_SYSTEM]) },
  },
  {
    files: ['packages/bzfs/src/infra/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['winston', ...FILE_SYSTEM]) },
  },
  {
    // The jobrunner logs through bzfs's createLogger, so winston is not allowed here.
    files: ['packages/jobrunner/src/launch/**/*.ts', 'packages/jobrunner/src/infra/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...PROCESSES, ...FILE_SYSTEM]) },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', 'packages/*/tools/**/*.ts'],
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
