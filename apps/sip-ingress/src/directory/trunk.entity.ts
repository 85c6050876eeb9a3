import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type OutboundCallerIdPolicy } from './caller-id';
import { type NumberRule } from './number-rules';

/**
 * sip_ingress.trunks: a SIP trunk of a tenant (carrier, PBX, another branch's ingress, a partner centre). Inbound
 * digest credentials are kept as HA1s; the outbound password, which must be read back to answer the trunk's
 * challenges, only sealed (AES-256-GCM, see SecretBox).
 */
@Entity({ name: 'trunks' })
export class TrunkEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @PrimaryColumn({ name: 'trunk_id', type: 'text' }) trunkId!: string;
  @Column({ name: 'kind', type: 'text' }) kind!: string;
  @Column({ name: 'branch_id', type: 'text', nullable: true }) branchId!: string | null;
  @Column({ name: 'allowed_sources', type: 'jsonb' }) allowedSources!: string[];
  @Column({ name: 'inbound_username', type: 'text', nullable: true }) inboundUsername!: string | null;
  @Column({ name: 'inbound_realm', type: 'text', nullable: true }) inboundRealm!: string | null;
  @Column({ name: 'inbound_ha1_md5', type: 'text', nullable: true }) inboundHa1Md5!: string | null;
  @Column({ name: 'inbound_ha1_sha256', type: 'text', nullable: true }) inboundHa1Sha256!: string | null;
  @Column({ name: 'outbound_host', type: 'text', nullable: true }) outboundHost!: string | null;
  @Column({ name: 'outbound_port', type: 'integer', nullable: true }) outboundPort!: number | null;
  @Column({ name: 'outbound_transport', type: 'text', nullable: true }) outboundTransport!: string | null;
  @Column({ name: 'outbound_username', type: 'text', nullable: true }) outboundUsername!: string | null;
  @Column({ name: 'outbound_password_sealed', type: 'text', nullable: true }) outboundPasswordSealed!: string | null;
  @Column({ name: 'caller_number_rules', type: 'jsonb' }) callerNumberRules!: NumberRule[];
  @Column({ name: 'called_number_rules', type: 'jsonb' }) calledNumberRules!: NumberRule[];
  @Column({ name: 'outbound_caller_id', type: 'jsonb' }) outboundCallerId!: OutboundCallerIdPolicy;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
