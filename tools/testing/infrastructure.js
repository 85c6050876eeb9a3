/*
 * What integration tests call to get the real infrastructure prepared by global-setup.js:
 *   const brokers = requireKafka();      // "127.0.0.1:<port>" (comma-separated when several)
 *   const url = requirePostgres();       // postgres://...
 * Each throws an Error saying what is missing and how to fix it when the infrastructure is not there.
 */
'use strict';

function unavailable(what, fix) {
  const reason = process.env.CC_INFRA_UNAVAILABLE;
  return new Error(
    `${what} is not available for this integration test.\n` +
      (reason ? `${reason}\n` : '') +
      `${fix}\n(Run integration tests with their jest.integration.config.js, whose global setup prepares it.)`,
  );
}

/** Bootstrap brokers of the Kafka cluster, e.g. "127.0.0.1:9092". */
function requireKafka() {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    throw unavailable('Kafka', 'Start one with `node tools/kafka/kafka.js start` or set KAFKA_BROKERS.');
  }
  return brokers;
}

/** Connection URL of the PostgreSQL database. */
function requirePostgres() {
  const url = process.env.DATABASE_URL;
  if (!url || (process.env.CC_INFRA_UNAVAILABLE || '').includes('PostgreSQL does not answer')) {
    throw unavailable('PostgreSQL', 'Start it (see `node tools/postgres/postgres.js check`) or set DATABASE_URL.');
  }
  return url;
}

module.exports = { requireKafka, requirePostgres };
