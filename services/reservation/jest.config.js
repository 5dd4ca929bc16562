module.exports = { ...require('../../jest.preset.js'), displayName: '@ticketing/reservation-service' };
