/* Unit tests of the contact-centre simulator: short simulations that drive the real routing engine in memory. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'sim',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
