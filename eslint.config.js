import js from '@eslint/js';
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
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
