module.exports = { ...require('../../jest.preset.js'), displayName: '@ticketing/payment-service' };
