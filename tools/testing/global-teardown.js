/* Jest globalTeardown: stops the Kafka broker if (and only if) global-setup started it. */
'use strict';

const kafka = require('../kafka/kafka.js');

module.exports = async function globalTeardown() {
  if (globalThis.__CC_KAFKA_STARTED_BY_SETUP) {
    globalThis.__CC_KAFKA_STARTED_BY_SETUP = false;
    await kafka.stop({ quiet: true });
  }
};
