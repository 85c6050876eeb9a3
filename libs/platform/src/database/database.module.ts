import { type DynamicModule, Module } from '@nestjs/common';
import { DatabaseRegistryService, type SchemaOptions } from './database-registry.service';

/** Injection token of an app's DataSource. */
export const dataSourceToken = (schema: string) => `DataSource:${schema}`;

/** Gives an app its DataSource on its own schema, migrated at start. */
@Module({})
export class DatabaseModule {
  static forSchema(options: SchemaOptions): DynamicModule {
    const token = dataSourceToken(options.schema);
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: token,
          inject: [DatabaseRegistryService],
          useFactory: (registry: DatabaseRegistryService) => registry.open(options),
        },
      ],
      exports: [token],
    };
  }
}
