export * from './log/event-log';
export * from './log/errors';
export * from './log/partitioner';
