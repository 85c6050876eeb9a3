import { type sipV1 } from '@cc/contracts';
import { type IngressTrunk } from '../directory/directory-snapshot';
import { type IngressDirectory } from '../directory/ingress-directory';

/** A validated originate request: whom to call, through which trunk, presenting which number, and where it goes. */
export interface OriginateOrder {
  tenantId: string;
  branchId: string;
  queueId: string;
  number: string;
  trunk: IngressTrunk;
  /** The number presented, before the trunk's number rules. */
  callerId: string;
  customerId: string;
  ringTimeoutMs: number;
  reference: string;
}

export type OriginateRefusalCode = 'invalid-argument' | 'not-found' | 'failed-precondition';

/** Why an originate request was refused, with the field at fault. */
export class OriginateRefusal extends Error {
  constructor(
    readonly code: OriginateRefusalCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_RING_TIMEOUT_MS = 30_000;
const MAX_RING_TIMEOUT_S = 300;
const PHONE_NUMBER = /^\+?[0-9]{3,15}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Checks an originate request against the directory; throws OriginateRefusal naming the field. */
export function originateOrderOf(request: sipV1.OriginateRequest, directory: IngressDirectory): OriginateOrder {
  for (const field of ['tenant_id', 'branch_id', 'queue_id'] as const) {
    const value = request[camel(field)];
    if (!ID.test(value)) {
      throw new OriginateRefusal('invalid-argument', field, `${field} must be an id such as "msk", got "${value}".`);
    }
  }
  const number = request.number.replace(/[\s()-]/g, '');
  if (!PHONE_NUMBER.test(number)) {
    throw new OriginateRefusal(
      'invalid-argument',
      'number',
      `number must be a phone number (E.164 such as +79160000001, or 3 to 15 digits), got "${request.number}".`,
    );
  }
  if (!directory.hasTenant(request.tenantId)) {
    throw new OriginateRefusal('not-found', 'tenant_id', `tenant "${request.tenantId}" has no SIP directory.`);
  }
  const trunk = trunkOf(request, directory);
  if (!trunk.outbound) {
    throw new OriginateRefusal(
      'failed-precondition',
      'trunk_id',
      `trunk "${trunk.trunkId}" has no outbound address to call through.`,
    );
  }
  const policy = trunk.outboundCallerId.present;
  const callerId = request.callerId.replace(/[\s()-]/g, '') || (typeof policy === 'object' ? policy.fixed : '');
  if (!PHONE_NUMBER.test(callerId)) {
    throw new OriginateRefusal(
      'invalid-argument',
      'caller_id',
      request.callerId === ''
        ? `caller_id is required: trunk "${trunk.trunkId}" presents no fixed number.`
        : `caller_id must be a phone number, got "${request.callerId}".`,
    );
  }
  if (request.ringTimeoutSeconds > MAX_RING_TIMEOUT_S) {
    throw new OriginateRefusal(
      'invalid-argument',
      'ring_timeout_seconds',
      `ring_timeout_seconds must be at most ${MAX_RING_TIMEOUT_S}, got ${request.ringTimeoutSeconds}.`,
    );
  }
  return {
    tenantId: request.tenantId,
    branchId: request.branchId,
    queueId: request.queueId,
    number,
    trunk,
    callerId,
    customerId: request.customerId,
    ringTimeoutMs: request.ringTimeoutSeconds === 0 ? DEFAULT_RING_TIMEOUT_MS : request.ringTimeoutSeconds * 1000,
    reference: request.reference,
  };
}

function trunkOf(request: sipV1.OriginateRequest, directory: IngressDirectory): IngressTrunk {
  if (request.trunkId !== '') {
    const trunk = directory.trunk(request.tenantId, request.trunkId);
    if (!trunk) {
      throw new OriginateRefusal('not-found', 'trunk_id', `trunk "${request.trunkId}" is not defined.`);
    }
    return trunk;
  }
  const carrier = directory.trunksOf(request.tenantId).find((t) => t.kind === 'carrier' && t.outbound);
  if (!carrier) {
    throw new OriginateRefusal(
      'failed-precondition',
      'trunk_id',
      `tenant "${request.tenantId}" has no carrier trunk with an outbound address; name a trunk_id.`,
    );
  }
  return carrier;
}

function camel(field: 'tenant_id' | 'branch_id' | 'queue_id'): 'tenantId' | 'branchId' | 'queueId' {
  return field === 'tenant_id' ? 'tenantId' : field === 'branch_id' ? 'branchId' : 'queueId';
}
