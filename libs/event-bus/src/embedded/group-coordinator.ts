import { type TopicPartition } from '../log/event-log';

/** A consumer as the coordinator sees it. */
export interface GroupMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  /** Called synchronously after each rebalance with the member's partitions and the new generation. */
  assigned(generation: number, partitions: TopicPartition[]): void;
  /** Called when the coordinator removed the member because it missed its session timeout. */
  evicted(): void;
}

interface PartitionHold {
  holder: string;
  waiters: Set<() => void>;
}

interface GroupState {
  generation: number;
  members: Map<string, GroupMember>;
  owners: Map<string, string>;
  holds: Map<string, PartitionHold>;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/**
 * In-process group coordinator. Every join, leave and eviction is a rebalance with a new generation; partitions are
 * assigned per topic with Kafka's range strategy over members sorted by id (member ids sort in join order), so the
 * assignment is deterministic.
 *
 * Ownership changes at once, but a partition is handed over only when its previous owner is done with it: the new
 * owner's reader takes the partition's hold, which the old owner keeps while its handler runs (an evicted member's
 * holds are dropped, like Kafka giving up on a member past its session timeout). Hence one partition is never
 * processed by two live members at the same time, and a zombie's commits are rejected by `owns`.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, GroupState>();

  constructor(private readonly partitionsOf: (topic: string) => number) {}

  join(groupId: string, member: GroupMember): void {
    const group = this.group(groupId);
    group.members.set(member.memberId, member);
    this.rebalance(group);
  }

  /** Clean leave: the member's partitions are reassigned at once; holds are released by the member itself. */
  leave(groupId: string, memberId: string): void {
    const group = this.groups.get(groupId);
    if (!group || !group.members.delete(memberId)) return;
    this.rebalance(group);
  }

  /** Removes a member that missed its session timeout and drops its holds. */
  evict(groupId: string, memberId: string): void {
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return;
    group.members.delete(memberId);
    for (const [key, hold] of group.holds) if (hold.holder === memberId) this.releaseHold(group, key);
    member.evicted();
    this.rebalance(group);
  }

  isMember(groupId: string, memberId: string): boolean {
    return this.groups.get(groupId)?.members.has(memberId) ?? false;
  }

  owns(groupId: string, memberId: string, topic: string, partition: number): boolean {
    return this.groups.get(groupId)?.owners.get(partitionKey(topic, partition)) === memberId;
  }

  generation(groupId: string): number {
    return this.groups.get(groupId)?.generation ?? 0;
  }

  /** A new topic may give partitions to members already subscribed to it. */
  topicCreated(topic: string): void {
    for (const group of this.groups.values()) {
      if ([...group.members.values()].some((m) => m.topics.includes(topic))) this.rebalance(group);
    }
  }

  /** Takes the hold of a partition, or registers `wake` to be called when it is released and returns false. */
  tryHold(groupId: string, topic: string, partition: number, memberId: string, wake: () => void): boolean {
    const group = this.group(groupId);
    const key = partitionKey(topic, partition);
    const hold = group.holds.get(key);
    if (!hold) {
      group.holds.set(key, { holder: memberId, waiters: new Set() });
      return true;
    }
    if (hold.holder === memberId) return true;
    hold.waiters.add(wake);
    return false;
  }

  release(groupId: string, topic: string, partition: number, memberId: string): void {
    const group = this.groups.get(groupId);
    const key = partitionKey(topic, partition);
    if (group && group.holds.get(key)?.holder === memberId) this.releaseHold(group, key);
  }

  private releaseHold(group: GroupState, key: string): void {
    const hold = group.holds.get(key);
    if (!hold) return;
    group.holds.delete(key);
    for (const wake of hold.waiters) wake();
  }

  private group(groupId: string): GroupState {
    let group = this.groups.get(groupId);
    if (!group) {
      group = { generation: 0, members: new Map(), owners: new Map(), holds: new Map() };
      this.groups.set(groupId, group);
    }
    return group;
  }

  private rebalance(group: GroupState): void {
    group.generation++;
    const members = [...group.members.values()].sort((a, b) =>
      a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0,
    );
    const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
    const assignment = new Map<string, TopicPartition[]>(members.map((m) => [m.memberId, []]));
    group.owners = new Map();
    for (const topic of topics) {
      const count = this.partitionsOf(topic);
      const subscribers = members.filter((m) => m.topics.includes(topic));
      if (count === 0 || subscribers.length === 0) continue;
      const per = Math.floor(count / subscribers.length);
      const extra = count % subscribers.length;
      let next = 0;
      subscribers.forEach((member, i) => {
        const n = per + (i < extra ? 1 : 0);
        for (let p = next; p < next + n; p++) {
          assignment.get(member.memberId)?.push({ topic, partition: p });
          group.owners.set(partitionKey(topic, p), member.memberId);
        }
        next += n;
      });
    }
    const generation = group.generation;
    for (const member of members) member.assigned(generation, assignment.get(member.memberId) ?? []);
  }
}
