import { deriveKey } from '../auth/derived-key';
import { SecretBox } from './secret-box';

/** What the directory needs of the ingress's configuration (SipIngressConfig provides it). */
export interface SipDirectorySettings {
  /** SIP_DEFAULT_TENANT: the tenant of requests addressed to an IP address instead of a SIP domain. */
  defaultTenantId?: string;
  /** SIP_SECRET: trunk passwords are sealed under a key derived from it. Secret. */
  secret: string;
  /** SIP_DIRECTORY_REFRESH_MS: how often changes made through other instances are looked for; 0 = never. */
  refreshIntervalMs: number;
}

export const SIP_DIRECTORY_SETTINGS = 'SipDirectorySettings';

/** The box trunk passwords are sealed in: AES-256-GCM under a key derived from SIP_SECRET. */
export function trunkSecretBox(settings: Pick<SipDirectorySettings, 'secret'>): SecretBox {
  return new SecretBox(deriveKey(settings.secret, 'trunk-secrets'));
}
