export { EmbeddedEventLog, type EmbeddedEventLogOptions } from './embedded-event-log';
