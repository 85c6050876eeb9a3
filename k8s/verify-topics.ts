/**
 * Checks that k8s/base/kafka-topics/topics.yaml declares exactly the topics of the catalogue in
 * libs/contracts/src/topics.ts, with the same partitions and retention. Run from the repository root:
 *
 *   node tools/run-ts.js k8s/verify-topics.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTopicDefinitions } from '../libs/contracts/src/topics';

interface DeclaredTopic {
  partitions: number;
  retentionMs: number;
  cleanupPolicy: string;
}

const file = join(__dirname, 'base', 'kafka-topics', 'topics.yaml');
const declared = new Map<string, DeclaredTopic>();
for (const doc of readFileSync(file, 'utf8').split(/^---$/m)) {
  if (!/^kind:\s*KafkaTopic\s*$/m.test(doc)) continue;
  const field = (name: string) => new RegExp(`^\\s*${name.replace(/\./g, '\\.')}:\\s*(\\S+)\\s*$`, 'm').exec(doc)?.[1];
  const name = field('topicName');
  if (!name) throw new Error(`a KafkaTopic in ${file} has no spec.topicName`);
  declared.set(name, {
    partitions: Number(field('partitions')),
    retentionMs: Number(field('retention.ms')),
    cleanupPolicy: field('cleanup.policy') ?? 'delete',
  });
}

const problems: string[] = [];
const expected = allTopicDefinitions();
for (const topic of expected) {
  const found = declared.get(topic.name);
  if (!found) {
    problems.push(`${topic.name}: missing`);
    continue;
  }
  if (found.partitions !== topic.partitions) problems.push(`${topic.name}: partitions ${found.partitions}, catalogue ${topic.partitions}`);
  const retention = topic.retentionMs ?? -1;
  if (found.retentionMs !== retention) problems.push(`${topic.name}: retention.ms ${found.retentionMs}, catalogue ${retention}`);
  const policy = topic.compacted ? 'compact' : 'delete';
  if (found.cleanupPolicy !== policy) problems.push(`${topic.name}: cleanup.policy ${found.cleanupPolicy}, catalogue ${policy}`);
}
for (const name of declared.keys()) {
  if (!expected.some((topic) => topic.name === name)) problems.push(`${name}: not in the catalogue`);
}

if (problems.length > 0) {
  console.error(`k8s topics differ from libs/contracts/src/topics.ts:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(`k8s topics match the catalogue (${expected.length} topics)`);
