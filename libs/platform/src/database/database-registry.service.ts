import { createDataSource, databaseOptionsFromUrl } from '@cc/persistence';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { type DataSource, type MigrationInterface } from 'typeorm';
import { PlatformConfig } from '../config/platform-config';

export interface SchemaOptions {
  /** The app's own schema: no app reads another app's tables. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: Array<new () => MigrationInterface>;
}

/** Opens one DataSource per app schema (migrations run at open) and closes them all at shutdown. */
@Injectable()
export class DatabaseRegistryService implements OnApplicationShutdown {
  private readonly sources = new Map<string, DataSource>();

  constructor(@Inject(PlatformConfig) private readonly config: PlatformConfig) {}

  async open(options: SchemaOptions): Promise<DataSource> {
    const existing = this.sources.get(options.schema);
    if (existing) return existing;
    const dataSource = await createDataSource({
      database: databaseOptionsFromUrl(this.config.DATABASE_URL, join(this.config.DATA_DIR, 'pglite')),
      schema: options.schema,
      entities: options.entities,
      migrations: options.migrations,
    });
    this.sources.set(options.schema, dataSource);
    return dataSource;
  }

  get embedded(): boolean {
    return databaseOptionsFromUrl(this.config.DATABASE_URL).kind === 'pglite';
  }

  all(): Array<[string, DataSource]> {
    return [...this.sources];
  }

  async onApplicationShutdown(): Promise<void> {
    for (const [schema, dataSource] of [...this.sources].reverse()) {
      this.sources.delete(schema);
      await dataSource.destroy();
    }
  }
}
