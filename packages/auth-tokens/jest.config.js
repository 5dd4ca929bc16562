module.exports = { ...require('../../jest.preset.js'), displayName: '@ticketing/auth-tokens' };
