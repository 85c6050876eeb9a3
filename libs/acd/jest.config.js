/* Unit tests: the routing engine is pure, so every test runs without infrastructure. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'acd',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
