import { AgentCredentialEntity } from './agent-credential.entity';
import { DeskPhoneEntity } from './desk-phone.entity';
import { DidEntity } from './did.entity';
import { DirectoryRevisionEntity } from './directory-revision.entity';
import { IngressDirectory } from './ingress-directory';
import { SipAgentsController } from './sip-agents.controller';
import { SipDidsController } from './sip-dids.controller';
import { SipDirectoryRepository } from './sip-directory.repository';
import { SipDirectoryService } from './sip-directory.service';
import { SipDomainEntity } from './sip-domain.entity';
import { SipTenantEntity } from './sip-tenant.entity';
import { SipTenantsController } from './sip-tenants.controller';
import { SipTrunksController } from './sip-trunks.controller';
import { TrunkEntity } from './trunk.entity';

/** What a Nest module registers for the directory (plus SIP_DIRECTORY_SETTINGS and the sip_ingress data source). */
export const SIP_DIRECTORY_ENTITIES = [
  SipTenantEntity,
  SipDomainEntity,
  DidEntity,
  AgentCredentialEntity,
  DeskPhoneEntity,
  TrunkEntity,
  DirectoryRevisionEntity,
];

export const SIP_DIRECTORY_PROVIDERS = [SipDirectoryRepository, IngressDirectory, SipDirectoryService];

export const SIP_DIRECTORY_CONTROLLERS = [
  SipTenantsController,
  SipDidsController,
  SipAgentsController,
  SipTrunksController,
];
