import {
  allTopicDefinitions,
  DLQ_RETENTION_MS,
  dlqTopicOf,
  isDlqTopic,
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
    for (const topic of TOPIC_CATALOG) {
      expect(topic.retentionMs).toBeUndefined();
      expect(topic.compacted).toBeFalsy();
    }
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
