import { type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The schema a data source's tables live in (the app's own). */
export function schemaOfDataSource(dataSource: DataSource): string {
  return (dataSource.options as { schema?: string }).schema ?? 'public';
}

export function schemaOf(queryRunner: QueryRunner): string {
  return schemaOfDataSource(queryRunner.connection);
}

/**
 * The table where projections keep the next offset to apply per consumer group and partition, in the app's own
 * schema. Every app with projections lists this migration before its own.
 */
export class ProjectionOffsets1763900000000 implements MigrationInterface {
  name = 'ProjectionOffsets1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."projection_offsets" (
        "group_id" text NOT NULL,
        "topic" text NOT NULL,
        "partition" integer NOT NULL,
        "next_offset" bigint NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("group_id", "topic", "partition")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}"."projection_offsets"`);
  }
}
