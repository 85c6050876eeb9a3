/* Unit tests: pure and fast, no infrastructure (loopback sockets at most). */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'sip',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
