// The whole suite in one run: every workspace's own jest config, plus the end-to-end tests.
module.exports = {
  projects: [
    '<rootDir>/packages/*',
    '<rootDir>/services/*',
    '<rootDir>/gateway',
    '<rootDir>/tests/e2e',
    '<rootDir>/tests/boundaries',
    '<rootDir>/tests/deploy',
    '<rootDir>/tests/observability',
  ],
  // A global option: with `projects`, each project's own testTimeout is ignored. End-to-end files
  // start six processes in beforeAll, which on a loaded 2-core machine can take a while.
  testTimeout: 120000,
};
