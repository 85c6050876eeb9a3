import { EventEmitter } from 'node:events';
import { type Client } from 'pg';
import { PgliteClosedError, type PgliteSession } from './pglite-session';

/** What `createDataSource` passes to the pool through TypeORM's `extra` options. */
export interface PglitePoolOptions {
  session: PgliteSession;
  /** e.g. `routing,public`: set on the session whenever this pool borrows it. */
  searchPath: string;
  /** Gives this data source's hold on the database back (the last one closes PGlite); called by `end()`. */
  release: () => Promise<void>;
}

type ReleaseCallback = (error?: unknown) => void;
type ConnectCallback = (error: Error | undefined, client: Client | undefined, release: ReleaseCallback) => void;

/**
 * A `pg.Pool` look-alike over the single PGlite session, for TypeORM's postgres driver (`driver: { Pool }`):
 * `connect()` waits until the session is free. Releasing with an error does not destroy anything (there is
 * nothing to reconnect to).
 */
export class PglitePool extends EventEmitter {
  private readonly options: PglitePoolOptions;
  private ended = false;
  private readonly stopListening: () => void;

  constructor(options: PglitePoolOptions) {
    super();
    this.options = options;
    this.stopListening = options.session.onError((error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  get totalCount(): number {
    return 1;
  }

  get idleCount(): number {
    return this.options.session.isBusy ? 0 : 1;
  }

  get waitingCount(): number {
    return this.options.session.waitingCount;
  }

  connect(): Promise<Client>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<Client> | void {
    const borrowed = this.borrow();
    if (!callback) return borrowed.then(([client]) => client);
    borrowed.then(
      ([client, release]) => callback(undefined, client, release),
      (error: unknown) => callback(toError(error), undefined, () => undefined),
    );
  }

  /** Runs one statement when the session is free (what `pool.query` does in pg). */
  async query(text: string, values?: unknown[]): Promise<unknown> {
    const [client, release] = await this.borrow();
    try {
      return await client.query(text, values);
    } finally {
      release();
    }
  }

  end(): Promise<void>;
  end(callback: (error?: Error) => void): void;
  end(callback?: (error?: Error) => void): Promise<void> | void {
    const ending = this.shutdown();
    if (!callback) return ending;
    ending.then(
      () => callback(),
      (error: unknown) => callback(toError(error)),
    );
  }

  private borrow(): Promise<[Client, () => void]> {
    if (this.ended) return Promise.reject(new PgliteClosedError());
    return this.options.session.borrow(this.options.searchPath);
  }

  private async shutdown(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.stopListening();
    await this.options.release();
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
