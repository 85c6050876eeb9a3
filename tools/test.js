#!/usr/bin/env node
// `npm test`: the whole suite. Generated contracts must be fresh; then lint, type checks and unit tests; then the
// integration suites against real Apache Kafka + PostgreSQL and against the embedded adapters.
// Under CI=true, infrastructure that cannot start fails the run (tools/testing/global-setup.js).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const resultsDir = path.join(root, '.cache', 'test-results');
const ci = process.env.CI === 'true';

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${title}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function summary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (fs.existsSync(resultsDir)) {
    for (const file of fs.readdirSync(resultsDir)) {
      const r = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
      passed += r.numPassedTests;
      failed += r.numFailedTests;
      skipped += r.numPendingTests + (r.numTodoTests || 0);
    }
  }
  return { passed, failed, skipped };
}

async function main() {
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const nx = path.join(root, 'node_modules', '.bin', 'nx');
  const steps = [];
  steps.push(run('generated contracts are up to date', 'node', ['tools/proto/generate.js', '--check']));
  steps.push(run('lint, typecheck, unit tests', nx, ['run-many', '-t', 'lint', 'typecheck', 'test', '--output-style=stream', '--skip-nx-cache']));

  let startedKafka = false;
  const env = {};
  if (!process.env.KAFKA_BROKERS) {
    try {
      const kafka = require('./kafka/kafka.js');
      env.KAFKA_BROKERS = await kafka.start();
      startedKafka = true;
    } catch (error) {
      console.error(`Apache Kafka could not start: ${error.message}`);
      if (ci) steps.push(false);
    }
  }
  try {
    steps.push(run('integration suites (Kafka + PostgreSQL, embedded)', nx, ['run-many', '-t', 'integration', '--parallel=1', '--output-style=stream'], env));
  } finally {
    if (startedKafka) await require('./kafka/kafka.js').stop();
  }

  const { passed, failed, skipped } = summary();
  const ok = steps.every(Boolean) && failed === 0;
  console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
