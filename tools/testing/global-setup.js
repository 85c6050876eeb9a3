/*
 * Jest globalSetup of every integration suite: makes sure a real Kafka broker and PostgreSQL are reachable and
 * exports their addresses as KAFKA_BROKERS and DATABASE_URL (test workers inherit the environment).
 *
 * - KAFKA_BROKERS already set: used as is. Otherwise tools/kafka starts a local broker; when this setup started
 *   it, global-teardown stops it again (a broker that was already running is left alone).
 * - PostgreSQL: DATABASE_URL or the local server at 127.0.0.1:5432.
 * - Something missing: with CI=true the run fails here; locally CC_INFRA_UNAVAILABLE explains what is missing
 *   and the suites that need it fail with that message (see infrastructure.js).
 */
'use strict';

const kafka = require('../kafka/kafka.js');
const postgres = require('../postgres/postgres.js');

async function setupKafka() {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS, startedHere: false };
  const running = await kafka.status();
  if (running) return { brokers: running, startedHere: false };
  const brokers = await kafka.start();
  return { brokers, startedHere: true };
}

module.exports = async function globalSetup() {
  const missing = [];

  try {
    const { brokers, startedHere } = await setupKafka();
    process.env.KAFKA_BROKERS = brokers;
    globalThis.__CC_KAFKA_STARTED_BY_SETUP = startedHere;
  } catch (error) {
    globalThis.__CC_KAFKA_STARTED_BY_SETUP = false;
    missing.push(`Kafka could not be started: ${error.message}`);
  }

  try {
    process.env.DATABASE_URL = await postgres.check(process.env.DATABASE_URL || postgres.DEFAULT_URL);
  } catch (error) {
    missing.push(error.message);
  }

  if (missing.length === 0) {
    delete process.env.CC_INFRA_UNAVAILABLE;
    return;
  }
  const text = missing.join('\n\n');
  if (process.env.CI === 'true') {
    if (globalThis.__CC_KAFKA_STARTED_BY_SETUP) await kafka.stop({ quiet: true });
    throw new Error(`integration infrastructure unavailable:\n${text}`);
  }
  process.env.CC_INFRA_UNAVAILABLE = text;
  const bar = '!'.repeat(100);
  process.stderr.write(
    `\n${bar}\nINTEGRATION INFRASTRUCTURE UNAVAILABLE: suites that need it will fail.\n\n${text}\n${bar}\n\n`,
  );
};
