import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sip_ingress.agent_credentials: an agent's SIP digest credentials as HA1s (user = agent id), never a password. */
@Entity({ name: 'agent_credentials' })
export class AgentCredentialEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @PrimaryColumn({ name: 'agent_id', type: 'text' }) agentId!: string;
  @Column({ name: 'realm', type: 'text' }) realm!: string;
  @Column({ name: 'ha1_md5', type: 'text' }) ha1Md5!: string;
  @Column({ name: 'ha1_sha256', type: 'text' }) ha1Sha256!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
