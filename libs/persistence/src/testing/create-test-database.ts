import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const DEFAULT_TEST_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** postgres:// URL of the new, empty database. */
  url: string;
  /** Ends the connections still open on it and drops it. */
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named, empty database on the server of `serverUrl`
 * (default `process.env.DATABASE_URL`, else the local server) for one integration test suite.
 */
export async function createTestDatabase(
  serverUrl: string = process.env['DATABASE_URL'] || DEFAULT_TEST_SERVER_URL,
): Promise<TestDatabase> {
  const name = `cc_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop: () => {
      dropped ??= onServer(serverUrl, async (client) => {
        await client.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        await client.query(`DROP DATABASE IF EXISTS ${name}`);
      });
      return dropped;
    },
  };
}

async function onServer(serverUrl: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
