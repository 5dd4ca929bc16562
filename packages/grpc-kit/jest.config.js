module.exports = { ...require('../../jest.preset.js'), displayName: '@ticketing/grpc-kit' };
