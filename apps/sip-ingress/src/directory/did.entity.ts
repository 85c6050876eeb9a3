import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sip_ingress.dids: a dialled number (E.164), unique across tenants, and the queue its calls enter. */
@Entity({ name: 'dids' })
export class DidEntity {
  @PrimaryColumn({ name: 'number', type: 'text' }) number!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'branch_id', type: 'text' }) branchId!: string;
  @Column({ name: 'queue_id', type: 'text' }) queueId!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
