module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'e2e',
  // Each e2e file boots every process; give it room on a 2-core machine.
  testTimeout: 120000,
};
