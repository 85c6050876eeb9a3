import { type AgentCredentialEntity } from './agent-credential.entity';
import { type DeskPhoneEntity } from './desk-phone.entity';
import { type DidEntity } from './did.entity';
import { type SipDomainEntity } from './sip-domain.entity';
import { type SipTenantEntity } from './sip-tenant.entity';
import { type TrunkEntity } from './trunk.entity';

/** The whole directory as read in one transaction, and the revision it was at. */
export interface DirectoryRows {
  revision: number;
  tenants: SipTenantEntity[];
  domains: SipDomainEntity[];
  dids: DidEntity[];
  credentials: AgentCredentialEntity[];
  deskPhones: DeskPhoneEntity[];
  trunks: TrunkEntity[];
}
