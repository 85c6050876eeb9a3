/** Errors an adapter raises with a meaning the layers above act on. */
export class ProducerFencedError extends Error {
  constructor(transactionalId: string) {
    super(`transactional producer ${transactionalId} was fenced by a newer producer with the same id`);
    this.name = 'ProducerFencedError';
  }
}

export class NotPartitionOwnerError extends Error {
  constructor(groupId: string, topic: string, partition: number) {
    super(`consumer of group ${groupId} no longer owns ${topic}[${partition}] (rebalanced)`);
    this.name = 'NotPartitionOwnerError';
  }
}

export class UnknownTopicError extends Error {
  constructor(topic: string) {
    super(`topic ${topic} does not exist`);
    this.name = 'UnknownTopicError';
  }
}

export class LogClosedError extends Error {
  constructor() {
    super('the event log is closed');
    this.name = 'LogClosedError';
  }
}
