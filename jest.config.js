// The whole suite in one run: every workspace's own jest config, plus the end-to-end tests.
module.exports = {
  projects: ['<rootDir>/packages/*', '<rootDir>/services/*', '<rootDir>/gateway', '<rootDir>/tests/e2e'],
};
