module.exports = { ...require('../../jest.preset.js'), displayName: '@ticketing/sandbox-provider' };
