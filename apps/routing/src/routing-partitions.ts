import { ROUTING_PARTITIONS } from '@cc/contracts';
import { partitionForKey } from '@cc/event-bus';

/** CloudEvents types of the takeover markers (on the log and the configuration topic). */
export const PARTITION_CLAIMED_TYPES: ReadonlySet<string> = new Set([
  'cc.routing.v1.LogPartitionClaimed',
  'cc.routing.v1.ConfigPartitionClaimed',
]);

/** Envelope tenant of the takeover markers, which belong to no tenant. */
export const MARKER_TENANT = 'platform';

/** The partition of the routing topics a routing domain id (or, for configuration, a tenant id) lives on. */
export function routingPartitionOf(key: string): number {
  return partitionForKey(key, ROUTING_PARTITIONS);
}

const markerKeys = new Map<number, string>();

/** A message key that lands on `partition` (the markers must be written to the partition taken over). */
export function markerKeyFor(partition: number): string {
  let key = markerKeys.get(partition);
  for (let i = 0; key === undefined; i++) {
    const candidate = `partition-${partition}-${i}`;
    if (routingPartitionOf(candidate) === partition) key = candidate;
  }
  markerKeys.set(partition, key);
  return key;
}
