import { type SourceTrustPort } from './admission';
import { type SourceTrust } from './flood-guard';

/** What the front door asks of the directory (IngressDirectory) and of the registrar (Registrar). */
export interface TrunkAndPhoneSources {
  isTrunkSource(address: string): boolean;
  isDeskPhoneSource(address: string): boolean;
}

export interface RegisteredSources {
  hasBindingFrom(address: string): boolean;
}

/** A trunk's allowed source is a trunk; an address a phone registered from, or a desk phone's, is an agent's. */
export function sourceTrustOf(directory: TrunkAndPhoneSources, registrar: RegisteredSources): SourceTrustPort {
  return {
    trustOf(address: string): SourceTrust {
      if (directory.isTrunkSource(address)) return 'trunk';
      if (registrar.hasBindingFrom(address) || directory.isDeskPhoneSource(address)) return 'agent';
      return 'unknown';
    },
  };
}
