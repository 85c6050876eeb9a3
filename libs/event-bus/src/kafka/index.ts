export { KafkaEventLog } from './kafka-event-log';
export { type KafkaEventLogOptions, type KafkaLogger, type KafkaLogLevel } from './kafka-options';
