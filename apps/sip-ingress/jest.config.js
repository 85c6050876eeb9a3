/* Unit tests: pure and fast, no infrastructure. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'sip-ingress',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
