import { SipDirectory1764000000100 } from './1764000000100-sip-directory';

/** The migrations of the sip_ingress schema, oldest first. */
export const SIP_INGRESS_MIGRATIONS = [SipDirectory1764000000100];
