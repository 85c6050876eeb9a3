import {
  Column,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';

/** A per-queue counter, as a projection would keep one. */
@Entity({ name: 'queue_counter' })
export class QueueCounterEntity {
  @PrimaryColumn({ name: 'queue_id', type: 'text' })
  queueId!: string;

  @Column({ type: 'integer', default: 0 })
  offered!: number;

  /** bigint columns come back as strings (as with node-postgres), they may exceed 2^53. */
  @Column({ name: 'talk_time_ms', type: 'bigint', default: '0' })
  talkTimeMs!: string;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  settings!: Record<string, unknown>;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'agent' })
export class AgentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  skills!: string[];
}

export class CreateQueueCounter1700000000001 implements MigrationInterface {
  name = 'CreateQueueCounter1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // unqualified on purpose: search_path puts it in the app's schema
    await queryRunner.query(`CREATE TABLE queue_counter (
      queue_id text PRIMARY KEY,
      offered integer NOT NULL DEFAULT 0,
      talk_time_ms bigint NOT NULL DEFAULT 0,
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      updated_at timestamptz NOT NULL
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE queue_counter`);
  }
}

export class CreateAgent1700000000002 implements MigrationInterface {
  name = 'CreateAgent1700000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE agent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      skills text[] NOT NULL DEFAULT '{}'
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agent`);
  }
}

export const entities = [QueueCounterEntity, AgentEntity];
export const migrations = [CreateQueueCounter1700000000001, CreateAgent1700000000002];

export function aQueueCounter(overrides: Partial<QueueCounterEntity> = {}): QueueCounterEntity {
  return Object.assign(new QueueCounterEntity(), {
    queueId: 'sales',
    offered: 0,
    talkTimeMs: '0',
    settings: {},
    updatedAt: new Date('2025-03-01T09:30:00.123Z'),
    ...overrides,
  });
}
