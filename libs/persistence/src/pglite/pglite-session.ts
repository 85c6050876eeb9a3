import { type PGlite } from '@electric-sql/pglite';
import { Client, type ClientConfig } from 'pg';

/** PGlite's node-postgres connection (a subpath export, which this repository's `node` module resolution cannot type). */
interface PgliteNodePostgres {
  PGlitePgConfig: new (config: { pglite: PGlite }) => { readonly connection: unknown };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PGlitePgConfig } = require('@electric-sql/pglite/node-postgres') as PgliteNodePostgres;

export type ReleaseSession = () => void;

export class PgliteClosedError extends Error {
  constructor() {
    super('The embedded database has been closed.');
    this.name = 'PgliteClosedError';
  }
}

/**
 * The one session of a PGlite database, lent to one borrower at a time (FIFO).
 *
 * The client is a real `pg.Client` speaking the wire protocol to PGlite through PGlite's own node-postgres
 * connection, so parameters and results (int8 as string, jsonb, timestamptz, arrays, `rows`/`rowCount`/`command`/
 * `fields`) are exactly those of a PostgreSQL server. PGlite has a single session and runs one statement at a
 * time: a transaction owns the session until its borrower gives it back, so transactions never interleave.
 * Several data sources (apps) of one process may share the session; each borrow sets the borrower's
 * `search_path` when it differs from the previous one. The client is never re-created (PGlite's connection
 * object is shared, and a new client would inherit a stale 'end' from the old one).
 */
export class PgliteSession {
  private readonly client: Client;
  private ready?: Promise<void>;
  private busy = false;
  private closed = false;
  private searchPath?: string;
  private readonly waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private readonly errorListeners = new Set<(error: Error) => void>();

  constructor(pglite: PGlite) {
    const config = new PGlitePgConfig({ pglite });
    this.client = new Client({ connection: config.connection } as ClientConfig);
    // without an 'error' listener a connection error would crash the process
    this.client.on('error', (error) => this.errorListeners.forEach((listener) => listener(error)));
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  get isBusy(): boolean {
    return this.busy;
  }

  onError(listener: (error: Error) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Waits for the session, then points it at `searchPath`. Call the returned function to give it back. */
  async borrow(searchPath: string): Promise<[Client, ReleaseSession]> {
    if (this.closed) throw new PgliteClosedError();
    await this.connectOnce();
    if (this.busy) await new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    if (this.closed) throw new PgliteClosedError();
    this.busy = true;
    let released = false;
    const release: ReleaseSession = () => {
      if (released) return;
      released = true;
      this.handOver();
    };
    try {
      if (this.searchPath !== searchPath) {
        await this.client.query(`SET search_path TO ${searchPath}`);
        this.searchPath = searchPath;
      }
    } catch (error) {
      release();
      throw error;
    }
    return [this.client, release];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new PgliteClosedError());
    if (this.ready) {
      await this.ready.catch(() => undefined);
      await this.client.end();
    }
  }

  private handOver(): void {
    const next = this.waiting.shift();
    if (next)
      next.resolve(); // stays busy: the session goes straight to the next borrower
    else this.busy = false;
  }

  private connectOnce(): Promise<void> {
    if (!this.ready) this.ready = this.client.connect().then(() => undefined);
    return this.ready;
  }
}
