import { schemaOf } from '@cc/event-bus';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The ingress directory: tenants and realms, SIP domains, DIDs, agent credentials, desk phones, trunks. */
export class SipDirectory1764000000100 implements MigrationInterface {
  name = 'SipDirectory1764000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}"."tenants" (
        "tenant_id" text PRIMARY KEY,
        "realm" text NOT NULL,
        "seeded_at" timestamptz,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}"."domains" (
        "domain" text PRIMARY KEY,
        "tenant_id" text NOT NULL REFERENCES "${s}"."tenants" ("tenant_id") ON DELETE CASCADE,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "domains_tenant" ON "${s}"."domains" ("tenant_id")`);
    await queryRunner.query(`
      CREATE TABLE "${s}"."dids" (
        "number" text PRIMARY KEY,
        "tenant_id" text NOT NULL REFERENCES "${s}"."tenants" ("tenant_id") ON DELETE CASCADE,
        "branch_id" text NOT NULL,
        "queue_id" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "dids_tenant" ON "${s}"."dids" ("tenant_id")`);
    await queryRunner.query(`
      CREATE TABLE "${s}"."agent_credentials" (
        "tenant_id" text NOT NULL REFERENCES "${s}"."tenants" ("tenant_id") ON DELETE CASCADE,
        "agent_id" text NOT NULL,
        "realm" text NOT NULL,
        "ha1_md5" text NOT NULL,
        "ha1_sha256" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("tenant_id", "agent_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}"."desk_phones" (
        "tenant_id" text NOT NULL REFERENCES "${s}"."tenants" ("tenant_id") ON DELETE CASCADE,
        "agent_id" text NOT NULL,
        "uri" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("tenant_id", "agent_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}"."trunks" (
        "tenant_id" text NOT NULL REFERENCES "${s}"."tenants" ("tenant_id") ON DELETE CASCADE,
        "trunk_id" text NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('carrier', 'pbx', 'branch', 'partner')),
        "branch_id" text,
        "allowed_sources" jsonb NOT NULL DEFAULT '[]',
        "inbound_username" text,
        "inbound_realm" text,
        "inbound_ha1_md5" text,
        "inbound_ha1_sha256" text,
        "outbound_host" text,
        "outbound_port" integer,
        "outbound_transport" text CHECK ("outbound_transport" IN ('udp', 'tcp')),
        "outbound_username" text,
        "outbound_password_sealed" text,
        "caller_number_rules" jsonb NOT NULL DEFAULT '[]',
        "called_number_rules" jsonb NOT NULL DEFAULT '[]',
        "outbound_caller_id" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("tenant_id", "trunk_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}"."directory_revision" (
        "id" smallint PRIMARY KEY CHECK ("id" = 1),
        "revision" bigint NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO "${s}"."directory_revision" ("id", "revision") VALUES (1, 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of [
      'directory_revision',
      'trunks',
      'desk_phones',
      'agent_credentials',
      'dids',
      'domains',
      'tenants',
    ]) {
      await queryRunner.query(`DROP TABLE "${s}"."${table}"`);
    }
  }
}
