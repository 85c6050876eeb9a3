#!/usr/bin/env node
/*
 * PostgreSQL for local runs and integration tests: the local server at 127.0.0.1:5432 (trust auth, user postgres),
 * or whatever DATABASE_URL points to.
 *
 *   node tools/postgres/postgres.js check    prints the URL and exits 0 when the server answers, else explains
 *                                             how to start one and exits 1
 *
 * Exported: check() resolves with the URL or rejects with an Error whose message says how to fix it.
 */
'use strict';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECT_TIMEOUT_MS = 3000;

function databaseUrl() {
  return process.env.DATABASE_URL || DEFAULT_URL;
}

/** Hides a password in a connection URL before it is printed. */
function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function howToStart(url, cause) {
  return [
    `PostgreSQL does not answer at ${redact(url)}${cause ? ` (${cause})` : ''}.`,
    'Start the local server (Debian/Ubuntu, trust auth for 127.0.0.1):',
    '  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    'or point DATABASE_URL to a reachable server, e.g.',
    '  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres',
  ].join('\n');
}

/** Resolves with the database URL when a `select 1` succeeds; rejects with an explanatory Error otherwise. */
async function check(url = databaseUrl()) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return url;
  } catch (error) {
    throw new Error(howToStart(url, error.message || error.code || String(error)));
  } finally {
    await client.end().catch(() => undefined);
  }
}

module.exports = { check, databaseUrl, DEFAULT_URL };

if (require.main === module) {
  const command = process.argv[2] || 'check';
  if (command !== 'check') {
    console.error('usage: node tools/postgres/postgres.js check');
    process.exit(2);
  }
  check().then(
    (url) => {
      console.log(redact(url));
      process.exit(0);
    },
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
