import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { schemaOf } from '@cc/event-bus';

export class CallRecords1763900000100 implements MigrationInterface {
  name = 'CallRecords1763900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}"."call_records" (
        "tenant_id" text NOT NULL,
        "call_id" text NOT NULL,
        "branch_id" text,
        "sip_call_id" text,
        "channel" text,
        "direction" text,
        "dialled_number" text,
        "caller_number" text,
        "caller_name" text,
        "campaign_id" text,
        "arrived_at" timestamptz,
        "queue_id" text,
        "queued_at" timestamptz,
        "priority" integer,
        "offers" integer NOT NULL DEFAULT 0,
        "answered_at" timestamptz,
        "agent_id" text,
        "wait_ms" bigint,
        "ring_ms" bigint,
        "transfers" integer NOT NULL DEFAULT 0,
        "abandoned" boolean NOT NULL DEFAULT false,
        "abandon_position" integer,
        "ended_at" timestamptz,
        "end_cause" text,
        "hung_up_by" text,
        "talk_ms" bigint,
        "hold_ms" bigint,
        "duration_ms" bigint,
        PRIMARY KEY ("tenant_id", "call_id")
      )`);
    await queryRunner.query(`CREATE INDEX "call_records_tenant_arrived" ON "${s}"."call_records" ("tenant_id", "arrived_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}"."call_records"`);
  }
}
