/**
 * A routing domain is one branch of one tenant: the unit that exactly one routing instance owns at a time.
 * Its id is the key of every routing record, so all of a domain's records share one partition.
 */
export type RoutingDomainId = string;

export function routingDomainId(tenantId: string, branchId: string): RoutingDomainId {
  return `${tenantId}/${branchId}`;
}

export function parseRoutingDomainId(domainId: RoutingDomainId): { tenantId: string; branchId: string } {
  const slash = domainId.indexOf('/');
  if (slash <= 0 || slash === domainId.length - 1) throw new Error(`not a routing domain id: "${domainId}"`);
  return { tenantId: domainId.slice(0, slash), branchId: domainId.slice(slash + 1) };
}
