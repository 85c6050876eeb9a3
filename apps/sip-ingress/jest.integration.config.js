/* Integration tests: the SIP ingress on real Kafka and on the embedded log (tools/testing starts what is missing). */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'sip-ingress:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts', '<rootDir>/test/**/*.integration-spec.ts'],
  globalSetup: '<rootDir>/../../tools/testing/global-setup.js',
  globalTeardown: '<rootDir>/../../tools/testing/global-teardown.js',
  testTimeout: 120000,
};
