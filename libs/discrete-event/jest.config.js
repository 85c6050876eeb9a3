/* Unit tests: pure and fast, no infrastructure. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'discrete-event',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
