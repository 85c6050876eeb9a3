import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sip_ingress.tenants: a tenant known to the ingress and its digest realm. */
@Entity({ name: 'tenants' })
export class SipTenantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  /** The realm of every HA1 stored for the tenant; fixed while credentials exist. */
  @Column({ name: 'realm', type: 'text' }) realm!: string;
  /** When the demo seed finished defining this tenant (null for tenants defined through the API). */
  @Column({ name: 'seeded_at', type: 'timestamptz', nullable: true }) seededAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
