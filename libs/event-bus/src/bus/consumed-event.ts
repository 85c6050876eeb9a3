import { type EventEnvelope } from '@cc/contracts';

/** An event as a consumer sees it: the decoded envelope and where it sits in the log. */
export interface ConsumedEvent<T = unknown> {
  envelope: EventEnvelope<T>;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
}
