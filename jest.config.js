// One ESM setup for everything: sources are ESM TypeScript, ts-jest compiles them as ESM and
// jest runs under --experimental-vm-modules (see scripts/run-tests.sh).
const tsJest = [
  'ts-jest',
  { useESM: true, tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: { warnOnly: false } },
];
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    '^@bzfs-ts/bzfs$': '<rootDir>/packages/bzfs/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      // test/support holds the tests' own helpers; the ones with logic of their own are tested too.
      testMatch: ['<rootDir>/packages/*/src/**/*.test.ts', '<rootDir>/packages/*/test/support/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/packages/*/test/integration/**/*.itest.ts'],
    },
  ],
};
