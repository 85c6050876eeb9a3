import { randomUUID } from 'node:crypto';
import { ROUTING_REPLIES_TOPIC, type routingV1, topicDefinitionOf } from '@cc/contracts';
import { type EventBus, type Subscription } from '@cc/event-bus';

/**
 * The replies to the commands this instance sent, read from cc.routing.replies.v1 (every partition, from the end:
 * a group of its own). Whoever decides a command replies there in the same transaction as its events.
 */
export class CommandReplies {
  private readonly waiters = new Map<string, (reply: routingV1.CommandReply) => void>();
  private subscription?: Subscription;

  async start(bus: EventBus): Promise<void> {
    await bus.ensureTopics([topicDefinitionOf(ROUTING_REPLIES_TOPIC)!]);
    this.subscription = await bus.consume(
      { groupId: `routing-replies.${randomUUID()}`, topics: [ROUTING_REPLIES_TOPIC], startFrom: 'latest' },
      async (batch) => {
        for (const record of batch.records) {
          if (this.waiters.size === 0) return;
          let reply: routingV1.CommandReply;
          try {
            reply = bus.codec.decode(record).envelope.data as routingV1.CommandReply;
          } catch {
            continue; // Not for us to dead-letter: the topic is only a convenience for waiting callers.
          }
          const waiter = this.waiters.get(reply.commandId);
          if (waiter === undefined) continue;
          this.waiters.delete(reply.commandId);
          waiter(reply);
        }
      },
    );
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** The reply to `commandId`, or undefined if none came within `timeoutMs`. Call before sending the command. */
  waitFor(commandId: string, timeoutMs: number): Promise<routingV1.CommandReply | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(commandId);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(commandId, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }
}
