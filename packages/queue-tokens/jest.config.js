module.exports = { ...require('../../jest.preset.js'), displayName: '@ticketing/queue-tokens' };
