/**
 * The engine's TenantConfig (libs/acd) -> callcenter.routing.v1.TenantConfig, the answer of GetTenantConfig: every
 * collection as a list sorted by its id, as config.proto says.
 */
import { type TenantConfig } from '@cc/acd';
import { type routingV1 } from '@cc/contracts';
import { agentToProto, queueToProto } from '../codec/config-event-codec';

export function tenantConfigToProto(config: TenantConfig): routingV1.TenantConfig {
  return {
    tenantId: config.tenantId,
    name: config.name,
    currency: config.currency,
    version: config.version,
    branches: sortedById(config.branches).map(({ branchId, name, timeZone }) => ({ branchId, name, timeZone })),
    skills: sortedById(config.skills).map(({ skillId, name }) => ({ skillId, name })),
    queues: sortedById(config.queues).map(queueToProto),
    agents: sortedById(config.agents).map(agentToProto),
    partners: sortedById(config.partners).map(({ partnerId, name, trunkUri }) => ({ partnerId, name, trunkUri })),
    notReadyReasons: sortedById(config.notReadyReasons).map(({ code, name }) => ({ code, name })),
  };
}

/** The values of a record keyed by id, in the order of their ids (code unit order, like the proto's "sorted by"). */
function sortedById<T>(record: Readonly<Record<string, T>>): T[] {
  return Object.keys(record)
    .sort()
    .map((id) => record[id]!);
}
