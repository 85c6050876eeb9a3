import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** reporting.call_records: one row per call, readable by BI tools (documented in docs/reporting-tables.md). */
@Entity({ name: 'call_records' })
@Index('call_records_tenant_arrived', ['tenantId', 'arrivedAt'])
export class CallRecordEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @PrimaryColumn({ name: 'call_id', type: 'text' }) callId!: string;
  @Column({ name: 'branch_id', type: 'text', nullable: true }) branchId!: string | null;
  @Column({ name: 'sip_call_id', type: 'text', nullable: true }) sipCallId!: string | null;
  @Column({ name: 'channel', type: 'text', nullable: true }) channel!: string | null;
  @Column({ name: 'direction', type: 'text', nullable: true }) direction!: string | null;
  @Column({ name: 'dialled_number', type: 'text', nullable: true }) dialledNumber!: string | null;
  @Column({ name: 'caller_number', type: 'text', nullable: true }) callerNumber!: string | null;
  @Column({ name: 'caller_name', type: 'text', nullable: true }) callerName!: string | null;
  @Column({ name: 'campaign_id', type: 'text', nullable: true }) campaignId!: string | null;
  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true }) arrivedAt!: Date | null;
  @Column({ name: 'queue_id', type: 'text', nullable: true }) queueId!: string | null;
  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true }) queuedAt!: Date | null;
  @Column({ name: 'priority', type: 'integer', nullable: true }) priority!: number | null;
  @Column({ name: 'offers', type: 'integer', default: 0 }) offers!: number;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
  @Column({ name: 'agent_id', type: 'text', nullable: true }) agentId!: string | null;
  @Column({ name: 'wait_ms', type: 'bigint', nullable: true, transformer: bigintAsNumber }) waitMs!: number | null;
  @Column({ name: 'ring_ms', type: 'bigint', nullable: true, transformer: bigintAsNumber }) ringMs!: number | null;
  @Column({ name: 'transfers', type: 'integer', default: 0 }) transfers!: number;
  @Column({ name: 'abandoned', type: 'boolean', default: false }) abandoned!: boolean;
  @Column({ name: 'abandon_position', type: 'integer', nullable: true }) abandonPosition!: number | null;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ name: 'end_cause', type: 'text', nullable: true }) endCause!: string | null;
  @Column({ name: 'hung_up_by', type: 'text', nullable: true }) hungUpBy!: string | null;
  @Column({ name: 'talk_ms', type: 'bigint', nullable: true, transformer: bigintAsNumber }) talkMs!: number | null;
  @Column({ name: 'hold_ms', type: 'bigint', nullable: true, transformer: bigintAsNumber }) holdMs!: number | null;
  @Column({ name: 'duration_ms', type: 'bigint', nullable: true, transformer: bigintAsNumber }) durationMs!: number | null;
}
