module.exports = { ...require('../../jest.preset.js'), displayName: '@ticketing/audit' };
