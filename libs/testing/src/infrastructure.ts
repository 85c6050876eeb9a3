/**
 * What integration tests call to get the real infrastructure that tools/testing/global-setup.js prepared.
 * Each throws an error saying what is missing and how to fix it; under CI=true the global setup has already failed
 * the run before a test gets here.
 */
function unavailable(what: string, fix: string): Error {
  const reason = process.env.CC_INFRA_UNAVAILABLE;
  return new Error(
    `${what} is not available for this integration test.\n${reason ? `${reason}\n` : ''}${fix}\n` +
      '(Run integration tests with their jest.integration.config.js, whose global setup prepares it.)',
  );
}

/** Bootstrap brokers of the Kafka cluster, e.g. "127.0.0.1:9092". */
export function requireKafka(): string {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw unavailable('Kafka', 'Start one with `node tools/kafka/kafka.js start` or set KAFKA_BROKERS.');
  return brokers;
}

/** Connection URL of the PostgreSQL server's maintenance database. */
export function requirePostgres(): string {
  const url = process.env.DATABASE_URL;
  if (!url || (process.env.CC_INFRA_UNAVAILABLE ?? '').includes('PostgreSQL does not answer')) {
    throw unavailable('PostgreSQL', 'Start it (see `node tools/postgres/postgres.js check`) or set DATABASE_URL.');
  }
  return url;
}
