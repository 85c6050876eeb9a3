import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sip_ingress.domains: a SIP domain (host of request-URIs) and the tenant it belongs to; one tenant per domain. */
@Entity({ name: 'domains' })
export class SipDomainEntity {
  @PrimaryColumn({ name: 'domain', type: 'text' }) domain!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
