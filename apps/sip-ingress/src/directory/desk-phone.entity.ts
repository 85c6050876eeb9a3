import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sip_ingress.desk_phones: an agent's fixed phone, a SIP URI reached without registration. */
@Entity({ name: 'desk_phones' })
export class DeskPhoneEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @PrimaryColumn({ name: 'agent_id', type: 'text' }) agentId!: string;
  @Column({ name: 'uri', type: 'text' }) uri!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
