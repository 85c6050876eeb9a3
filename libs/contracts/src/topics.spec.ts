import {
  allTopicDefinitions,
  DLQ_RETENTION_MS,
  dlqTopicOf,
  isDlqTopic,
  ROUTING_COMMANDS_RETENTION_MS,
  ROUTING_COMMANDS_TOPIC,
  ROUTING_CONFIG_TOPIC,
  ROUTING_LOG_TOPIC,
  ROUTING_REPLIES_TOPIC,
  TOPIC_CATALOG,
  TOPIC_NAME_PATTERN,
  topicDefinitionOf,
} from './topics';

describe('topic catalogue', () => {
  it.each(TOPIC_CATALOG.map((topic) => [topic.name]))('%s follows cc.<area>.<name>.v<N>', (name) => {
    expect(name).toMatch(/^cc\.[a-z-]+\.[a-z-]+\.v[0-9]+$/);
    expect(name).toMatch(TOPIC_NAME_PATTERN);
  });

  it('has unique names, positive partition counts and a described key', () => {
    const names = allTopicDefinitions().map((topic) => topic.name);
    expect(new Set(names).size).toBe(names.length);
    for (const topic of allTopicDefinitions()) {
      expect(topic.partitions).toBeGreaterThan(0);
      expect(topic.key).not.toBe('');
      expect(topic.description).not.toBe('');
    }
  });

  it('keeps event topics forever and uncompacted (events are the source of truth)', () => {
    const eventTopics = TOPIC_CATALOG.filter((topic) => topic.holds === undefined || topic.holds === 'events');
    expect(eventTopics.map((topic) => topic.name)).toEqual(
      expect.arrayContaining(['cc.call.lifecycle.v1', ROUTING_CONFIG_TOPIC, ROUTING_LOG_TOPIC]),
    );
    for (const topic of eventTopics) {
      expect(topic.retentionMs).toBeUndefined();
      expect(topic.compacted).toBeFalsy();
    }
  });

  it('keeps command topics for a bounded time only (what they did is on an event topic)', () => {
    const commandTopics = TOPIC_CATALOG.filter((topic) => topic.holds === 'commands');
    expect(commandTopics.map((topic) => topic.name)).toEqual([ROUTING_COMMANDS_TOPIC]);
    for (const topic of commandTopics) {
      expect(topic.retentionMs).toBe(ROUTING_COMMANDS_RETENTION_MS);
      expect(topic.retentionMs).toBeLessThan(DLQ_RETENTION_MS);
      expect(topic.compacted).toBeFalsy();
    }
  });

  it('keeps routing replies for an hour only (they are for the sender of the command)', () => {
    const replies = TOPIC_CATALOG.filter((topic) => topic.holds === 'replies');
    expect(replies.map((topic) => topic.name)).toEqual([ROUTING_REPLIES_TOPIC]);
    expect(replies[0].retentionMs).toBe(60 * 60 * 1000);
  });

  it('co-partitions the routing commands, log, configuration and replies: same partition count', () => {
    const commands = topicDefinitionOf(ROUTING_COMMANDS_TOPIC)!;
    const log = topicDefinitionOf(ROUTING_LOG_TOPIC)!;
    expect(commands.partitions).toBe(12);
    expect(log.partitions).toBe(commands.partitions);
    expect(topicDefinitionOf(ROUTING_CONFIG_TOPIC)!.partitions).toBe(commands.partitions);
    expect(topicDefinitionOf(ROUTING_REPLIES_TOPIC)!.partitions).toBe(commands.partitions);
    expect(commands.key).toMatch(/^routing domain id "tenant_id\/branch_id"/);
    expect(log.key).toMatch(/^routing domain id "tenant_id\/branch_id"/);
    expect(topicDefinitionOf(ROUTING_CONFIG_TOPIC)!.key).toMatch(/^tenant id/);
  });

  it('gives every event topic a dead-letter topic with the same partitions', () => {
    for (const topic of TOPIC_CATALOG) {
      const dlq = topicDefinitionOf(dlqTopicOf(topic.name));
      expect(dlq).toMatchObject({
        name: `${topic.name}.dlq`,
        partitions: topic.partitions,
        retentionMs: DLQ_RETENTION_MS,
      });
    }
    expect(allTopicDefinitions()).toHaveLength(TOPIC_CATALOG.length * 2);
  });

  it('recognises dead-letter topics and does not nest them', () => {
    expect(dlqTopicOf('cc.call.lifecycle.v1')).toBe('cc.call.lifecycle.v1.dlq');
    expect(dlqTopicOf('cc.call.lifecycle.v1.dlq')).toBe('cc.call.lifecycle.v1.dlq');
    expect(isDlqTopic('cc.call.lifecycle.v1.dlq')).toBe(true);
    expect(isDlqTopic('cc.call.lifecycle.v1')).toBe(false);
    expect(topicDefinitionOf('cc.nope.nope.v1')).toBeUndefined();
  });
});
