import { dataSourceToken } from '@cc/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type EntityManager } from 'typeorm';
import { SIP_INGRESS_SCHEMA } from '../sip-ingress-schema';
import { AgentCredentialEntity } from './agent-credential.entity';
import { DeskPhoneEntity } from './desk-phone.entity';
import { DidEntity } from './did.entity';
import { DirectoryRevisionEntity } from './directory-revision.entity';
import { type DirectoryRows } from './directory-rows';
import { SipDomainEntity } from './sip-domain.entity';
import { SipTenantEntity } from './sip-tenant.entity';
import { TrunkEntity } from './trunk.entity';

const S = `"${SIP_INGRESS_SCHEMA}"`;

/** The directory's tables. Writes go through write(): one transaction that also raises the revision. */
@Injectable()
export class SipDirectoryRepository {
  constructor(@Inject(dataSourceToken(SIP_INGRESS_SCHEMA)) private readonly dataSource: DataSource) {}

  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /** Runs `work` in a transaction and counts it as a change of the directory. */
  write<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      const result = await work(tx);
      await tx.query(`UPDATE ${S}."directory_revision" SET "revision" = "revision" + 1 WHERE "id" = 1`);
      return result;
    });
  }

  async revision(): Promise<number> {
    const row = await this.reader.findOneBy(DirectoryRevisionEntity, { id: 1 });
    return row?.revision ?? 0;
  }

  /** Everything, read in one repeatable-read transaction so the rows and the revision agree. */
  loadAll(): Promise<DirectoryRows> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const revision = (await tx.findOneBy(DirectoryRevisionEntity, { id: 1 }))?.revision ?? 0;
      return {
        revision,
        tenants: await tx.find(SipTenantEntity),
        domains: await tx.find(SipDomainEntity),
        dids: await tx.find(DidEntity),
        credentials: await tx.find(AgentCredentialEntity),
        deskPhones: await tx.find(DeskPhoneEntity),
        trunks: await tx.find(TrunkEntity),
      };
    });
  }

  /** Adds the domain to the tenant; false when another tenant has it. */
  async claimDomain(tx: EntityManager, tenantId: string, domain: string): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO ${S}."domains" ("domain", "tenant_id") VALUES ($1, $2)
       ON CONFLICT ("domain") DO UPDATE SET "updated_at" = now() WHERE "domains"."tenant_id" = EXCLUDED."tenant_id"
       RETURNING "domain"`,
      [domain, tenantId],
    )) as unknown[];
    return rows.length === 1;
  }

  /** Defines or changes the tenant's DID; false when another tenant has the number. */
  async claimDid(tx: EntityManager, did: Omit<DidEntity, 'updatedAt'>): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO ${S}."dids" ("number", "tenant_id", "branch_id", "queue_id") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("number") DO UPDATE
         SET "branch_id" = EXCLUDED."branch_id", "queue_id" = EXCLUDED."queue_id", "updated_at" = now()
         WHERE "dids"."tenant_id" = EXCLUDED."tenant_id"
       RETURNING "number"`,
      [did.number, did.tenantId, did.branchId, did.queueId],
    )) as unknown[];
    return rows.length === 1;
  }

  /** Locks the tenant row for the rest of the transaction (changes to one tenant happen one after another). */
  lockTenant(tx: EntityManager, tenantId: string): Promise<SipTenantEntity | null> {
    return tx.getRepository(SipTenantEntity).findOne({ where: { tenantId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Number of HA1s stored under the tenant's realm (agents' and trunks'). */
  async credentialCount(tx: EntityManager, tenantId: string): Promise<number> {
    const agents = await tx.countBy(AgentCredentialEntity, { tenantId });
    const trunks = await tx
      .getRepository(TrunkEntity)
      .createQueryBuilder('t')
      .where('t.tenantId = :tenantId AND t.inboundUsername IS NOT NULL', { tenantId })
      .getCount();
    return agents + trunks;
  }
}
