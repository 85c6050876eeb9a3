/** The SIP ingress's own Postgres schema; no other service reads or writes it. */
export const SIP_INGRESS_SCHEMA = 'sip_ingress';
