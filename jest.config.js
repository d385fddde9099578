/** Unit and integration tests: ts-jest (CommonJS), real PGlite/PostgreSQL, real HTTP. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/core', '<rootDir>/bot', '<rootDir>/tab/api', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // Generous because CI machines are shared: a slow start must not read as a failure. Speed lives in the benchmarks.
  testTimeout: 120000,
  maxWorkers: 2,
};
