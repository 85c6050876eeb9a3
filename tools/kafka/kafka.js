#!/usr/bin/env node
/*
 * A real single-node Apache Kafka broker (KRaft mode: broker and controller in one JVM) for local runs and
 * integration tests. The jars come from Maven Central (tools/kafka/pom.xml); everything it writes lives under
 * .cache/kafka (git-ignored).
 *
 *   node tools/kafka/kafka.js fetch    copy the broker jars to .cache/kafka/libs (no-op when already there)
 *   node tools/kafka/kafka.js start    format a fresh storage dir, start the broker, print KAFKA_BROKERS=...
 *   node tools/kafka/kafka.js stop     stop the broker and delete its data
 *   node tools/kafka/kafka.js status   print running/stopped (exit 0 when running, 1 otherwise)
 *
 * The same operations are exported (fetch, start, stop, status) for the test setup and other scripts.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const KAFKA_VERSION = '3.9.1';
const ROOT = path.resolve(__dirname, '..', '..');
const POM = path.join(__dirname, 'pom.xml');
const CACHE_DIR = path.join(ROOT, '.cache', 'kafka');
const LIBS_DIR = path.join(CACHE_DIR, 'libs');
const LIBS_MARKER = path.join(LIBS_DIR, '.complete');
const RUN_DIR = path.join(CACHE_DIR, 'run');
const STATE_FILE = path.join(CACHE_DIR, 'state.json');
const LOG_FILE = path.join(RUN_DIR, 'kafka.log');

const START_TIMEOUT_MS = Number(process.env.KAFKA_START_TIMEOUT_MS || 60000);
const STOP_TIMEOUT_MS = 20000;
const HEAP_OPTS = (process.env.KAFKA_HEAP_OPTS || '-Xms256m -Xmx512m').split(/\s+/).filter(Boolean);

function log(message) {
  process.stderr.write(`[kafka] ${message}\n`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------------------------
// fetch

/** A fingerprint of the pom: when the declared jars change, the cache is refreshed. */
function pomFingerprint() {
  return crypto.createHash('sha256').update(fs.readFileSync(POM)).digest('hex');
}

function jarsPresent() {
  try {
    return (
      fs.readFileSync(LIBS_MARKER, 'utf8').trim() === pomFingerprint() &&
      fs.existsSync(path.join(LIBS_DIR, `kafka_2.13-${KAFKA_VERSION}.jar`))
    );
  } catch {
    return false;
  }
}

/** Copies the broker's jars from Maven Central into .cache/kafka/libs unless they are already there. */
function fetch() {
  if (jarsPresent()) return LIBS_DIR;
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${LIBS_DIR}`];
  let lastStatus = null;
  for (let attempt = 1; attempt <= 2; attempt++) {
    log(`fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central (attempt ${attempt})`);
    fs.rmSync(LIBS_DIR, { recursive: true, force: true });
    const result = spawnSync('mvn', args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.error) {
      throw new Error(`cannot run mvn (is Maven installed and on PATH?): ${result.error.message}`);
    }
    lastStatus = result.status;
    if (result.status === 0 && fs.existsSync(path.join(LIBS_DIR, `kafka_2.13-${KAFKA_VERSION}.jar`))) {
      fs.writeFileSync(LIBS_MARKER, `${pomFingerprint()}\n`);
      return LIBS_DIR;
    }
  }
  throw new Error(`mvn dependency:copy-dependencies failed (exit ${lastStatus}); see the Maven output above`);
}

// ---------------------------------------------------------------------------------------------------------------
// helpers

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Kafka's cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints). */
function randomClusterId() {
  return crypto.randomBytes(16).toString('base64url');
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return null;
  }
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function logTail(lines = 40) {
  try {
    const text = fs.readFileSync(LOG_FILE, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return '(no broker log)';
  }
}

/** One metadata round trip with kafkajs; resolves true when the broker answers. */
async function answers(brokers, timeoutMs = 3000) {
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({
    clientId: 'cc-tools-kafka',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function serverProperties({ brokerPort, controllerPort }) {
  const dataDir = path.join(RUN_DIR, 'data');
  return [
    '# Generated by tools/kafka/kafka.js: single node, broker and controller in one process.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${brokerPort}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
    `metadata.log.dir=${dataDir}`,
    'num.partitions=3',
    'default.replication.factor=1',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=10',
    'min.insync.replicas=1',
    'group.initial.rebalance.delay.ms=0',
    'group.min.session.timeout.ms=1000',
    'num.network.threads=2',
    'num.io.threads=4',
    'num.recovery.threads.per.data.dir=1',
    'log.retention.check.interval.ms=60000',
    // A new segment's offset and time indexes are sparse files of this size, mapped into memory. The first append
    // faults them in, and with a large read-ahead (8 MiB on this VM's disk) the kernel zero-fills that much page
    // cache per index, inside the request handler: the first produce to each partition of a new topic took up to
    // 300 ms. 1 MiB indexes still cover ~350 MB of log per segment.
    'log.index.size.max.bytes=1048576',
    'delete.topic.enable=true',
    '',
  ].join('\n');
}

const LOG4J_PROPERTIES = [
  '# Quiet broker logging: warnings and errors only (state changes and requests are not logged).',
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka=WARN',
  'log4j.logger.org.apache.kafka=WARN',
  'log4j.logger.state.change.logger=WARN',
  'log4j.logger.kafka.request.logger=WARN',
  'log4j.logger.kafka.authorizer.logger=WARN',
  '# The broker prints its configuration at INFO; startup success is still visible in the state file.',
  'log4j.logger.kafka.server.KafkaServer=WARN',
  '',
].join('\n');

function javaArgs(mainClass, extra) {
  return [
    ...HEAP_OPTS,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    // A produce request of a full batch is about 1 MiB. With the 1 MiB regions G1 picks for this heap, every such
    // buffer is a humongous object allocated in the old generation, and G1 ran concurrent marking cycles back to
    // back: more CPU than the broker's request handling. 4 MiB regions keep request buffers young.
    '-XX:G1HeapRegionSize=4m',
    // Only the C1 compiler: a local broker lives for a test run or a benchmark, where C2's compilation burst (several
    // CPU seconds in the first minute, on a 2-core machine shared with the clients) costs more than it gains.
    '-XX:TieredStopAtLevel=1',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${path.join(RUN_DIR, 'log4j.properties')}`,
    '-cp',
    `${LIBS_DIR}${path.sep}*`,
    mainClass,
    ...extra,
  ];
}

function formatStorage(configFile) {
  const result = spawnSync(
    'java',
    javaArgs('kafka.tools.StorageTool', ['format', '-t', randomClusterId(), '-c', configFile, '--ignore-formatted']),
    { cwd: RUN_DIR, encoding: 'utf8' },
  );
  if (result.error) throw new Error(`cannot run java (is a JDK 17 on PATH?): ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`kafka storage format failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// start / stop / status

/** Brokers string ("127.0.0.1:<port>") when the recorded broker is alive and answers, else null. */
async function status() {
  const state = readState();
  if (!state || !isAlive(state.pid)) return null;
  return (await answers(state.brokers)) ? state.brokers : null;
}

/** Starts the broker unless it already runs; resolves with its bootstrap address "127.0.0.1:<port>". */
async function start() {
  const running = await status();
  if (running) return running;
  await stop({ quiet: true }); // a stale or unresponsive broker: clear it before starting afresh

  fetch();
  fs.mkdirSync(RUN_DIR, { recursive: true });
  const brokerPort = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === brokerPort) controllerPort = await freePort();

  const configFile = path.join(RUN_DIR, 'server.properties');
  fs.writeFileSync(configFile, serverProperties({ brokerPort, controllerPort }));
  fs.writeFileSync(path.join(RUN_DIR, 'log4j.properties'), LOG4J_PROPERTIES);
  formatStorage(configFile);

  const logFd = fs.openSync(LOG_FILE, 'a');
  const child = spawn('java', javaArgs('kafka.Kafka', [configFile]), {
    cwd: RUN_DIR,
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.unref();

  const brokers = `127.0.0.1:${brokerPort}`;
  const state = { pid: child.pid, brokers, controllerPort, version: KAFKA_VERSION, startedAt: new Date().toISOString() };
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited || !isAlive(child.pid)) {
      const how = exited ? `exit code ${exited.code}, signal ${exited.signal}` : 'process gone';
      await stop({ quiet: true, keepLog: true });
      throw new Error(`Kafka broker exited during startup (${how}). Log tail:\n${logTail()}`);
    }
    if (await answers(brokers, 2000)) return brokers;
    await sleep(300);
  }
  const tail = logTail();
  await stop({ quiet: true, keepLog: true });
  throw new Error(`Kafka broker did not answer at ${brokers} within ${START_TIMEOUT_MS} ms. Log tail:\n${tail}`);
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal); // the broker runs in its own process group (detached)
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** Stops the recorded broker (SIGTERM, then SIGKILL after a timeout) and deletes its data. */
async function stop({ quiet = false, keepLog = false } = {}) {
  const state = readState();
  if (state && isAlive(state.pid)) {
    if (!quiet) log(`stopping broker pid ${state.pid} (${state.brokers})`);
    signalGroup(state.pid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isAlive(state.pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(state.pid)) {
      log(`broker pid ${state.pid} did not stop within ${STOP_TIMEOUT_MS} ms; killing it`);
      signalGroup(state.pid, 'SIGKILL');
      while (isAlive(state.pid)) await sleep(50);
    }
  }
  fs.rmSync(STATE_FILE, { force: true });
  if (keepLog) {
    fs.rmSync(path.join(RUN_DIR, 'data'), { recursive: true, force: true });
  } else {
    fs.rmSync(RUN_DIR, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// command line

async function main(command) {
  switch (command) {
    case 'fetch':
      fetch();
      console.log(`kafka jars in ${path.relative(ROOT, LIBS_DIR)}`);
      return 0;
    case 'start': {
      const brokers = await start();
      console.log(`KAFKA_BROKERS=${brokers}`);
      return 0;
    }
    case 'stop':
      await stop();
      console.log('kafka stopped');
      return 0;
    case 'status': {
      const brokers = await status();
      console.log(brokers ? `kafka running KAFKA_BROKERS=${brokers}` : 'kafka stopped');
      return brokers ? 0 : 1;
    }
    default:
      console.error('usage: node tools/kafka/kafka.js fetch|start|stop|status');
      return 2;
  }
}

module.exports = { fetch, start, stop, status, KAFKA_VERSION };

if (require.main === module) {
  main(process.argv[2]).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`[kafka] ${error.message}`);
      process.exit(1);
    },
  );
}
