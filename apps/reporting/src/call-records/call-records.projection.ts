import { CALL_LIFECYCLE_TOPIC, eventTypesOfTopic } from '@cc/contracts';
import { type ConsumedEvent, EventBus, NonRetryableError, startProjection, type Subscription } from '@cc/event-bus';
import { ConsumerLagMonitor, dataSourceToken } from '@cc/platform';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type DataSource, type EntityManager } from 'typeorm';
import { REPORTING_SCHEMA } from '../reporting-schema';
import { type CallLifecycleEvent, emptyCallRecord } from './call-record';
import { CallRecordEntity } from './call-record.entity';
import { evolveCallRecord } from './evolve-call-record';

export const CALL_RECORDS_GROUP = 'reporting.call-records';

/** Keeps reporting.call_records up to date from the call lifecycle topic, exactly once per event. */
@Injectable()
export class CallRecordsProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: Subscription | undefined;

  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(dataSourceToken(REPORTING_SCHEMA)) private readonly dataSource: DataSource,
    @Inject(ConsumerLagMonitor) private readonly lag: ConsumerLagMonitor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await startProjection(this.bus, {
      groupId: CALL_RECORDS_GROUP,
      topics: [CALL_LIFECYCLE_TOPIC],
      handles: eventTypesOfTopic(CALL_LIFECYCLE_TOPIC),
      dataSource: this.dataSource,
      apply: (event, manager) => this.apply(event, manager),
    });
    this.lag.watch(CALL_RECORDS_GROUP, [CALL_LIFECYCLE_TOPIC]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private async apply(event: ConsumedEvent, manager: EntityManager): Promise<void> {
    const lifecycle = { type: event.envelope.type, data: event.envelope.data } as CallLifecycleEvent;
    const { tenantId } = event.envelope;
    const callId = lifecycle.data.callId;
    if (!callId) throw new NonRetryableError(`${lifecycle.type} ${event.envelope.id} has no call id`, 'invalid-event');
    const repository = manager.getRepository(CallRecordEntity);
    const current = await repository.findOne({ where: { tenantId, callId }, lock: { mode: 'pessimistic_write' } });
    const next = evolveCallRecord(current ?? emptyCallRecord(tenantId, callId), lifecycle);
    await repository.save(repository.create(next));
  }
}
