import { EventBus } from '@cc/event-bus';
import { setConsumerLag } from '@cc/telemetry';
import { Inject, Injectable, Logger } from '@nestjs/common';

/**
 * Keeps the cc_consumer_lag gauge current for the consumer groups of this process (lag = end offset minus the
 * group's committed offset, per partition). Refreshed on each scrape, so the figure is never older than the scrape.
 */
@Injectable()
export class ConsumerLagMonitor {
  private readonly logger = new Logger('consumer-lag');
  private readonly groups = new Map<string, string[]>();

  constructor(@Inject(EventBus) private readonly bus: EventBus) {}

  watch(groupId: string, topics: string[]): void {
    this.groups.set(groupId, topics);
  }

  async refresh(): Promise<void> {
    await Promise.all(
      [...this.groups].map(async ([groupId, topics]) => {
        try {
          for (const p of await this.bus.lag(groupId, topics)) setConsumerLag(groupId, p.topic, p.partition, p.lag);
        } catch (error) {
          this.logger.warn(`lag of ${groupId} unavailable: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
  }
}
