// Shared jest settings for every workspace. Workspace packages are mapped to their
// TypeScript sources so tests never depend on a stale dist/ build.
const path = require('node:path');

const ESM_ONLY = ['content-disposition', 'cookie'];

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest', swcOptions] },
  // Node 20 loads these ESM-only dependencies with require(esm) at run time; jest cannot,
  // so they are compiled to CommonJS for tests only.
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper: {
    '^@ticketing/([a-z-]+)$': path.join(__dirname, 'packages/$1/src'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30000,
};
