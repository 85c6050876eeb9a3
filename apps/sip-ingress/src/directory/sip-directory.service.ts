import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { ha1Set } from '../auth/digest-algorithm';
import { AgentCredentialEntity } from './agent-credential.entity';
import { DeskPhoneEntity } from './desk-phone.entity';
import { DidEntity } from './did.entity';
import {
  type AgentSipView,
  type DidInput,
  type DidView,
  type TenantInput,
  type TenantView,
  type TrunkInput,
  type TrunkView,
} from './directory-model';
import { agentView, didView, tenantView, trunkView } from './directory-views';
import { IngressDirectory } from './ingress-directory';
import { type SecretBox } from './secret-box';
import { SipDirectoryException } from './sip-directory.exception';
import { SIP_DIRECTORY_SETTINGS, type SipDirectorySettings, trunkSecretBox } from './sip-directory-settings';
import { SipDirectoryRepository } from './sip-directory.repository';
import { SipDomainEntity } from './sip-domain.entity';
import { SipTenantEntity } from './sip-tenant.entity';
import { TrunkEntity } from './trunk.entity';

/**
 * The use cases of the ingress directory: tenants and their realm, SIP domains, DIDs, agent credentials and desk
 * phones, trunks. Inputs come validated (directory-requests.ts); the rules here are those that need the stored
 * state: the tenant must exist, domains and DIDs belong to one tenant, a digest user name is one agent's or one
 * trunk's, a realm stays while HA1s depend on it. Every change reloads the in-memory directory before it returns.
 */
@Injectable()
export class SipDirectoryService {
  private readonly secrets: SecretBox;

  constructor(
    @Inject(SipDirectoryRepository) private readonly repository: SipDirectoryRepository,
    @Inject(IngressDirectory) private readonly directory: IngressDirectory,
    @Inject(SIP_DIRECTORY_SETTINGS) settings: SipDirectorySettings,
  ) {
    this.secrets = trunkSecretBox(settings);
  }

  // Tenants ---------------------------------------------------------------------------------------------------------

  async tenant(tenantId: string): Promise<TenantView> {
    const tenant = await this.requireTenant(this.repository.reader, tenantId);
    return tenantView(tenant, await this.domainNames(this.repository.reader, tenantId));
  }

  /** Defines the tenant or changes its realm (refused while credentials hashed under the old realm exist). */
  defineTenant(tenantId: string, input: TenantInput): Promise<TenantView> {
    return this.change(async (tx) => {
      const existing = await this.repository.lockTenant(tx, tenantId);
      if (existing && existing.realm !== input.realm && (await this.repository.credentialCount(tx, tenantId)) > 0) {
        throw new SipDirectoryException(
          'realm-in-use',
          `The credentials of tenant ${tenantId} are stored for realm "${existing.realm}"; remove them before changing the realm.`,
          'realm',
        );
      }
      const tenant = await tx.save(SipTenantEntity, {
        tenantId,
        realm: input.realm,
        seededAt: existing?.seededAt ?? null,
        updatedAt: new Date(),
      });
      return tenantView(tenant, await this.domainNames(tx, tenantId));
    });
  }

  /** Removes the tenant and everything of it (domains, DIDs, credentials, desk phones, trunks). */
  removeTenant(tenantId: string): Promise<void> {
    return this.change(async (tx) => {
      await this.requireTenant(tx, tenantId);
      await tx.delete(SipTenantEntity, { tenantId });
    });
  }

  /** Records that the demo seed completed the tenant, so it never seeds it again. */
  markSeeded(tenantId: string, at: Date): Promise<void> {
    return this.change(async (tx) => {
      await this.requireTenant(tx, tenantId);
      await tx.update(SipTenantEntity, { tenantId }, { seededAt: at });
    });
  }

  // Domains ---------------------------------------------------------------------------------------------------------

  addDomain(tenantId: string, domain: string): Promise<TenantView> {
    return this.change(async (tx) => {
      const tenant = await this.requireTenant(tx, tenantId);
      if (!(await this.repository.claimDomain(tx, tenantId, domain))) {
        throw new SipDirectoryException(
          'domain-taken',
          `The SIP domain ${domain} belongs to another tenant.`,
          'domain',
        );
      }
      return tenantView(tenant, await this.domainNames(tx, tenantId));
    });
  }

  removeDomain(tenantId: string, domain: string): Promise<TenantView> {
    return this.change(async (tx) => {
      const tenant = await this.requireTenant(tx, tenantId);
      const result = await tx.delete(SipDomainEntity, { tenantId, domain });
      if (!result.affected) {
        throw new SipDirectoryException('unknown-domain', `Tenant ${tenantId} has no SIP domain ${domain}.`, 'domain');
      }
      return tenantView(tenant, await this.domainNames(tx, tenantId));
    });
  }

  // DIDs ------------------------------------------------------------------------------------------------------------

  async dids(tenantId: string): Promise<DidView[]> {
    await this.requireTenant(this.repository.reader, tenantId);
    const rows = await this.repository.reader.find(DidEntity, { where: { tenantId }, order: { number: 'ASC' } });
    return rows.map(didView);
  }

  async did(tenantId: string, number: string): Promise<DidView> {
    await this.requireTenant(this.repository.reader, tenantId);
    const row = await this.repository.reader.findOneBy(DidEntity, { tenantId, number });
    if (!row) throw new SipDirectoryException('unknown-did', `Tenant ${tenantId} has no DID ${number}.`, 'number');
    return didView(row);
  }

  defineDid(tenantId: string, number: string, input: DidInput): Promise<DidView> {
    return this.change(async (tx) => {
      await this.requireTenant(tx, tenantId);
      const did = { number, tenantId, branchId: input.branchId, queueId: input.queueId };
      if (!(await this.repository.claimDid(tx, did))) {
        throw new SipDirectoryException('did-taken', `The number ${number} is a DID of another tenant.`, 'number');
      }
      return didView({ ...did, updatedAt: new Date() });
    });
  }

  removeDid(tenantId: string, number: string): Promise<void> {
    return this.change(async (tx) => {
      await this.requireTenant(tx, tenantId);
      const result = await tx.delete(DidEntity, { tenantId, number });
      if (!result.affected)
        throw new SipDirectoryException('unknown-did', `Tenant ${tenantId} has no DID ${number}.`, 'number');
    });
  }

  // Agents ----------------------------------------------------------------------------------------------------------

  async agents(tenantId: string): Promise<AgentSipView[]> {
    const reader = this.repository.reader;
    await this.requireTenant(reader, tenantId);
    const credentials = new Map((await reader.findBy(AgentCredentialEntity, { tenantId })).map((c) => [c.agentId, c]));
    const phones = new Map((await reader.findBy(DeskPhoneEntity, { tenantId })).map((p) => [p.agentId, p.uri]));
    return [...new Set([...credentials.keys(), ...phones.keys()])]
      .sort()
      .map((agentId) => agentView(agentId, credentials.get(agentId), phones.get(agentId)));
  }

  async agent(tenantId: string, agentId: string): Promise<AgentSipView> {
    return this.agentIn(this.repository.reader, tenantId, agentId, true);
  }

  /** Stores the agent's password as HA1s (MD5 and SHA-256) for the tenant's realm. */
  setAgentPassword(tenantId: string, agentId: string, password: string): Promise<AgentSipView> {
    return this.change(async (tx) => {
      const tenant = await this.requireTenant(tx, tenantId);
      const trunk = await tx.findOneBy(TrunkEntity, { tenantId, inboundUsername: agentId });
      if (trunk) {
        throw new SipDirectoryException(
          'username-taken',
          `The digest user ${agentId} is the inbound user of trunk ${trunk.trunkId} of tenant ${tenantId}.`,
          'agentId',
        );
      }
      const ha1 = ha1Set(agentId, tenant.realm, password);
      await tx.save(AgentCredentialEntity, {
        tenantId,
        agentId,
        realm: tenant.realm,
        ha1Md5: ha1.MD5,
        ha1Sha256: ha1['SHA-256'],
        updatedAt: new Date(),
      });
      return this.agentIn(tx, tenantId, agentId, false);
    });
  }

  removeAgentCredentials(tenantId: string, agentId: string): Promise<AgentSipView> {
    return this.change(async (tx) => {
      await this.requireTenant(tx, tenantId);
      const result = await tx.delete(AgentCredentialEntity, { tenantId, agentId });
      if (!result.affected) {
        throw new SipDirectoryException(
          'unknown-agent',
          `Agent ${agentId} of tenant ${tenantId} has no SIP credentials.`,
          'agentId',
        );
      }
      return this.agentIn(tx, tenantId, agentId, false);
    });
  }

  setDeskPhone(tenantId: string, agentId: string, uri: string): Promise<AgentSipView> {
    return this.change(async (tx) => {
      await this.requireTenant(tx, tenantId);
      await tx.save(DeskPhoneEntity, { tenantId, agentId, uri, updatedAt: new Date() });
      return this.agentIn(tx, tenantId, agentId, false);
    });
  }

  removeDeskPhone(tenantId: string, agentId: string): Promise<AgentSipView> {
    return this.change(async (tx) => {
      await this.requireTenant(tx, tenantId);
      const result = await tx.delete(DeskPhoneEntity, { tenantId, agentId });
      if (!result.affected) {
        throw new SipDirectoryException(
          'unknown-agent',
          `Agent ${agentId} of tenant ${tenantId} has no desk phone.`,
          'agentId',
        );
      }
      return this.agentIn(tx, tenantId, agentId, false);
    });
  }

  // Trunks ----------------------------------------------------------------------------------------------------------

  async trunks(tenantId: string): Promise<TrunkView[]> {
    await this.requireTenant(this.repository.reader, tenantId);
    const rows = await this.repository.reader.find(TrunkEntity, { where: { tenantId }, order: { trunkId: 'ASC' } });
    return rows.map(trunkView);
  }

  async trunk(tenantId: string, trunkId: string): Promise<TrunkView> {
    await this.requireTenant(this.repository.reader, tenantId);
    return trunkView(await this.requireTrunk(this.repository.reader, tenantId, trunkId));
  }

  /**
   * Defines or replaces a trunk. Passwords are never stored as given: the inbound one as HA1s, the outbound one
   * sealed. Left out, a password stays as stored as long as its user name does not change.
   */
  defineTrunk(tenantId: string, trunkId: string, input: TrunkInput): Promise<TrunkView> {
    return this.change(async (tx) => {
      const tenant = await this.requireTenant(tx, tenantId);
      const existing = await tx.findOneBy(TrunkEntity, { tenantId, trunkId });
      const row: TrunkEntity = {
        tenantId,
        trunkId,
        kind: input.kind,
        branchId: input.branchId,
        allowedSources: input.allowedSources,
        inboundUsername: null,
        inboundRealm: null,
        inboundHa1Md5: null,
        inboundHa1Sha256: null,
        outboundHost: input.outbound?.host ?? null,
        outboundPort: input.outbound?.port ?? null,
        outboundTransport: input.outbound?.transport ?? null,
        outboundUsername: input.outbound?.username ?? null,
        outboundPasswordSealed: null,
        callerNumberRules: input.callerNumberRules,
        calledNumberRules: input.calledNumberRules,
        outboundCallerId: input.outboundCallerId,
        updatedAt: new Date(),
      };
      if (input.inboundAuth) await this.setInboundAuth(tx, row, existing, tenant.realm, input.inboundAuth);
      const outbound = input.outbound;
      if (outbound?.username !== undefined) {
        if (typeof outbound.password === 'string') {
          row.outboundPasswordSealed = this.secrets.seal(outbound.password, `${tenantId}/${trunkId}`);
        } else if (outbound.password === undefined && existing?.outboundUsername === outbound.username) {
          row.outboundPasswordSealed = existing.outboundPasswordSealed;
        }
      }
      return trunkView(await tx.save(TrunkEntity, row));
    });
  }

  removeTrunk(tenantId: string, trunkId: string): Promise<void> {
    return this.change(async (tx) => {
      await this.requireTenant(tx, tenantId);
      await this.requireTrunk(tx, tenantId, trunkId);
      await tx.delete(TrunkEntity, { tenantId, trunkId });
    });
  }

  // -----------------------------------------------------------------------------------------------------------------

  private async setInboundAuth(
    tx: EntityManager,
    row: TrunkEntity,
    existing: TrunkEntity | null,
    realm: string,
    auth: NonNullable<TrunkInput['inboundAuth']>,
  ): Promise<void> {
    const { tenantId, trunkId } = row;
    const field = 'inboundAuth.username';
    if (await tx.findOneBy(AgentCredentialEntity, { tenantId, agentId: auth.username })) {
      throw new SipDirectoryException(
        'username-taken',
        `The digest user ${auth.username} is an agent of tenant ${tenantId}.`,
        field,
      );
    }
    const other = await tx.findOneBy(TrunkEntity, { tenantId, inboundUsername: auth.username });
    if (other && other.trunkId !== trunkId) {
      throw new SipDirectoryException(
        'username-taken',
        `The digest user ${auth.username} is trunk ${other.trunkId}'s.`,
        field,
      );
    }
    row.inboundUsername = auth.username;
    row.inboundRealm = realm;
    if (auth.password !== undefined) {
      const ha1 = ha1Set(auth.username, realm, auth.password);
      row.inboundHa1Md5 = ha1.MD5;
      row.inboundHa1Sha256 = ha1['SHA-256'];
    } else if (existing?.inboundUsername === auth.username && existing.inboundRealm === realm) {
      row.inboundHa1Md5 = existing.inboundHa1Md5;
      row.inboundHa1Sha256 = existing.inboundHa1Sha256;
    } else {
      throw new SipDirectoryException(
        'missing-field',
        'inboundAuth.password is required for a new inbound user.',
        'inboundAuth.password',
      );
    }
  }

  private async change<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.repository.write(work);
    await this.directory.refresh();
    return result;
  }

  private async requireTenant(reader: EntityManager, tenantId: string): Promise<SipTenantEntity> {
    const tenant = await reader.findOneBy(SipTenantEntity, { tenantId });
    if (!tenant) {
      throw new SipDirectoryException(
        'unknown-tenant',
        `The SIP ingress knows no tenant ${tenantId}; define it with PUT first.`,
        'tenantId',
      );
    }
    return tenant;
  }

  private async requireTrunk(reader: EntityManager, tenantId: string, trunkId: string): Promise<TrunkEntity> {
    const trunk = await reader.findOneBy(TrunkEntity, { tenantId, trunkId });
    if (!trunk)
      throw new SipDirectoryException('unknown-trunk', `Tenant ${tenantId} has no trunk ${trunkId}.`, 'trunkId');
    return trunk;
  }

  private async domainNames(reader: EntityManager, tenantId: string): Promise<string[]> {
    return (await reader.findBy(SipDomainEntity, { tenantId })).map((d) => d.domain);
  }

  private async agentIn(
    reader: EntityManager,
    tenantId: string,
    agentId: string,
    mustExist: boolean,
  ): Promise<AgentSipView> {
    await this.requireTenant(reader, tenantId);
    const credential = await reader.findOneBy(AgentCredentialEntity, { tenantId, agentId });
    const phone = await reader.findOneBy(DeskPhoneEntity, { tenantId, agentId });
    if (mustExist && !credential && !phone) {
      throw new SipDirectoryException(
        'unknown-agent',
        `Agent ${agentId} of tenant ${tenantId} has no SIP credentials or desk phone.`,
        'agentId',
      );
    }
    return agentView(agentId, credential ?? undefined, phone?.uri);
  }
}
