/**
 * Kafka topic names and their settings. Names follow `cc.<area>.<name>.v<N>`; a breaking change of the events on a
 * topic gets a new topic with the next version. docs/topics.md is generated from this catalogue.
 */

/** Settings of one topic, as the platform creates it (also used by the embedded event bus). */
export interface TopicDefinition {
  /** Topic name, `cc.<area>.<name>.v<N>` (or `<topic>.dlq` for a dead-letter topic). */
  readonly name: string;
  /** Number of partitions. Ordering is guaranteed per key within a partition only. */
  readonly partitions: number;
  /** How long messages are kept, in ms; undefined = forever. */
  readonly retentionMs?: number;
  /** Log compaction (only the newest message per key survives). Event topics are never compacted. */
  readonly compacted?: boolean;
  /**
   * What the messages are: `events` (facts, the default; kept forever, the source of truth) or `commands` (requests
   * to the service that consumes the topic; what they did is on an event topic, so they are kept only as long as
   * processing them may take) or `replies` (how commands were decided, for their senders; kept briefly).
   */
  readonly holds?: 'events' | 'commands' | 'replies';
  /** What the message key is (which id), i.e. the unit of ordering. */
  readonly key: string;
  /** What the topic holds, for operators and BI engineers. */
  readonly description: string;
  /** Services that publish to the topic (documentation). */
  readonly producers?: readonly string[];
  /** Services (and teams) that consume the topic (documentation). */
  readonly consumers?: readonly string[];
}

/** The legs of each call through the SIP ingress (started, ringing, answered, ended), keyed by call id. */
export const SIP_LEGS_TOPIC = 'cc.sip.legs.v1';
/** Registrations of agents' phones at the SIP ingress, keyed by "<tenant>/<agent>". */
export const SIP_REGISTRATIONS_TOPIC = 'cc.sip.registrations.v1';
/** Call lifecycle events (arrived, queued, offered, answered, transferred, abandoned, left queue, ended). */
export const CALL_LIFECYCLE_TOPIC = 'cc.call.lifecycle.v1';
/** Agent lifecycle events (logged in, state changed, logged out). */
export const AGENT_LIFECYCLE_TOPIC = 'cc.agent.lifecycle.v1';
/** Queue configuration history (configured, removed). */
export const QUEUE_CONFIG_TOPIC = 'cc.queue.config.v1';
/** Routing configuration of each tenant as an event log (branches, skills, partners, reasons, queues, agents). */
export const ROUTING_CONFIG_TOPIC = 'cc.routing.config.v1';
/** Commands to routing domains (agent states, interactions, timers, overflow between branches). */
export const ROUTING_COMMANDS_TOPIC = 'cc.routing.commands.v1';
/** The routing engine's decisions, per routing domain: offers, answers, abandons, agent states, overflow. */
export const ROUTING_LOG_TOPIC = 'cc.routing.log.v1';
/** How each routing command was decided, for the routing API instance that sent it. */
export const ROUTING_REPLIES_TOPIC = 'cc.routing.replies.v1';

/**
 * Partitions of the routing command, log, configuration and reply topics. They must stay equal (co-partitioned): a
 * routing domain's commands and events, and a tenant's configuration changes and their events, then sit on the same
 * partition number of each, owned by the same routing instance.
 */
export const ROUTING_PARTITIONS = 12;
/** Retention of the routing command topic: 7 days, longer than any outage a routing domain may have to catch up on. */
export const ROUTING_COMMANDS_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** Retention of the routing replies: one hour, far longer than any caller waits for a reply. */
export const ROUTING_REPLIES_RETENTION_MS = 60 * 60 * 1000;

/** Suffix of dead-letter topics. */
export const DLQ_SUFFIX = '.dlq';
/** Retention of dead-letter topics: 14 days, long enough to inspect and replay after a holiday. */
export const DLQ_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;

/** Pattern every event topic name follows. */
export const TOPIC_NAME_PATTERN = /^cc\.[a-z-]+\.[a-z-]+\.v[0-9]+$/;

/** The topics of the platform (without their dead-letter twins, see {@link allTopicDefinitions}). */
export const TOPIC_CATALOG: readonly TopicDefinition[] = [
  {
    name: CALL_LIFECYCLE_TOPIC,
    partitions: 12,
    key: 'call id (CallArrived.call_id and the call_id of every later event of the call)',
    description:
      'Everything that happens to a call, from arrival through queueing, offers to agents and answer to the end, ' +
      'with waiting, talk and hold times. The source for call reports, service level and abandon rates.',
    producers: ['sip-ingress', 'routing'],
    consumers: ['reporting', 'qa-scoring', 'crm-sync', 'dialer', 'BI'],
  },
  {
    name: SIP_LEGS_TOPIC,
    partitions: 12,
    key: 'call id (the platform call id, as on cc.call.lifecycle.v1)',
    description:
      "Every leg the SIP ingress places for a call (to agents' phones, partner trunks, outside numbers): INVITE " +
      'sent, ringing, answered, ended with the SIP status and who ended it, with SIP Call-IDs for correlation with ' +
      "carrier records. Same partitioning as the call lifecycle, so a call's legs and facts are read together.",
    producers: ['sip-ingress'],
    consumers: ['reporting', 'qa-scoring', 'BI'],
  },
  {
    name: SIP_REGISTRATIONS_TOPIC,
    partitions: 6,
    key: 'tenant id and agent id, "<tenant_id>/<agent_id>"',
    description:
      "Registrations of agents' phones: registered, refreshed, unregistered, expired, with contact, source " +
      "address and user agent. Tells when an agent's phone could be reached.",
    producers: ['sip-ingress'],
    consumers: ['reporting', 'console', 'BI'],
  },
  {
    name: AGENT_LIFECYCLE_TOPIC,
    partitions: 6,
    key: 'agent id',
    description:
      'Agent working sessions and every state change (available, reserved, busy, wrap-up, not ready with reason). ' +
      'The source for occupancy, adherence and time-in-state reports.',
    producers: ['routing'],
    consumers: ['reporting', 'dialer', 'BI'],
  },
  {
    name: QUEUE_CONFIG_TOPIC,
    partitions: 3,
    key: 'queue id',
    description:
      'History of every queue configuration (service level target and threshold, short abandon, wrap-up, ' +
      'strategy). Kept forever and not compacted: events are the source of truth, and reports for a past period ' +
      'use the settings valid then.',
    producers: ['routing'],
    consumers: ['routing', 'reporting', 'BI'],
  },
  {
    name: ROUTING_CONFIG_TOPIC,
    partitions: ROUTING_PARTITIONS,
    key: 'tenant id (the configuration version of a tenant is one sequence: 1, 2, 3, ...)',
    description:
      "Every change of a tenant's routing configuration: branches, skills, partner centres, not-ready reasons, " +
      'queues (strategy, skills, priorities, service level target, wrap-up, ring timeout, bullseye and overflow ' +
      'rules) and agent profiles (skills, groups, capacity), each carrying the configuration version after it. ' +
      'An event log, not a snapshot: kept forever and not compacted (compaction by tenant key would keep only the ' +
      "tenant's last change), because every routing domain rebuilds the configuration by replaying it from offset " +
      'zero, and reports for a past period use the settings in force then. Co-partitioned with ' +
      "cc.routing.commands.v1: the routing instance owning a tenant's partition decides its changes. It also holds " +
      'ConfigPartitionClaimed markers (a routing instance took over a partition), which consumers skip.',
    producers: ['routing'],
    consumers: ['routing', 'reporting', 'BI'],
  },
  {
    name: ROUTING_COMMANDS_TOPIC,
    partitions: ROUTING_PARTITIONS,
    retentionMs: ROUTING_COMMANDS_RETENTION_MS,
    holds: 'commands',
    key: 'routing domain id "tenant_id/branch_id", e.g. "tenant-acme/msk" (the domain that must decide the command)',
    description:
      'Commands to routing domains (one branch of one tenant each): agent log-in, ready and not ready; ' +
      'interactions queued, answered, declined, abandoned and completed; callbacks and wait announcements; timer ' +
      'ticks; configuration changes to apply; and the messages of overflow between branches. Configuration changes ' +
      '(ChangeConfig) are keyed by the tenant id instead. One routing instance ' +
      'per partition decides them in order; the decisions are the events on cc.routing.log.v1, which has the same ' +
      'partitions and key. Requests, not facts (a refused command leaves no trace), hence kept 7 days only: BI ' +
      'reads cc.routing.log.v1.',
    producers: ['routing (gRPC API, timers, overflow between domains)', 'sip-ingress'],
    consumers: ['routing'],
  },
  {
    name: ROUTING_LOG_TOPIC,
    partitions: ROUTING_PARTITIONS,
    key: 'routing domain id "tenant_id/branch_id", e.g. "tenant-acme/msk" (same key and partitions as cc.routing.commands.v1)',
    description:
      'Every decision of the routing engine, per routing domain: interactions queued (with the estimated wait they ' +
      'were told), offered, answered, declined, timed out, abandoned, completed, overflowed and called back; agent ' +
      'log-ins and state changes; configuration applied; overflow between branches. The source of truth of ' +
      "routing (a domain's state is rebuilt from a snapshot plus the events after it, or from offset zero) and of " +
      'service level, speed of answer and abandonment per queue. Kept forever and not compacted. It also holds ' +
      'LogPartitionClaimed markers (a routing instance took over a partition), which consumers skip.',
    producers: ['routing'],
    consumers: ['routing', 'reporting', 'BI'],
  },
  {
    name: ROUTING_REPLIES_TOPIC,
    partitions: ROUTING_PARTITIONS,
    retentionMs: ROUTING_REPLIES_RETENTION_MS,
    holds: 'replies',
    key: 'the key of the command replied to: routing domain id, or tenant id for configuration changes',
    description:
      'How each routing command was decided (accepted with the resulting agent or interaction state, or refused ' +
      'with the reason), written in the same transaction as its events, for the routing API instance that sent ' +
      'the command and waits to answer its caller. Not facts for BI: what a command did is on cc.routing.log.v1 ' +
      'and cc.routing.config.v1. Kept one hour.',
    producers: ['routing'],
    consumers: ['routing'],
  },
];

/** The dead-letter topic of `topic`: where consumers put messages they cannot process. */
export function dlqTopicOf(topic: string): string {
  return topic.endsWith(DLQ_SUFFIX) ? topic : `${topic}${DLQ_SUFFIX}`;
}

/** True if `topic` is a dead-letter topic. */
export function isDlqTopic(topic: string): boolean {
  return topic.endsWith(DLQ_SUFFIX);
}

/** The definition of the dead-letter topic that belongs to `source`. */
export function dlqTopicDefinition(source: TopicDefinition): TopicDefinition {
  return {
    name: dlqTopicOf(source.name),
    partitions: source.partitions,
    retentionMs: DLQ_RETENTION_MS,
    key: `same as ${source.name} (the original key)`,
    description: `Messages of ${source.name} that a consumer could not process, with dlq_* headers saying why.`,
    producers: (source.consumers ?? []).filter((consumer) => consumer !== 'BI'),
    consumers: ['operators (inspect and replay)'],
  };
}

/** Every topic the platform needs: the event topics and their dead-letter topics, sorted by name. */
export function allTopicDefinitions(): TopicDefinition[] {
  return [...TOPIC_CATALOG, ...TOPIC_CATALOG.map(dlqTopicDefinition)].sort((a, b) => a.name.localeCompare(b.name));
}

/** The definition of a topic (event or dead-letter), or undefined if it is not in the catalogue. */
export function topicDefinitionOf(name: string): TopicDefinition | undefined {
  return allTopicDefinitions().find((topic) => topic.name === name);
}
