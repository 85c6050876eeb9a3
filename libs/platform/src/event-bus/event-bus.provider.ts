import { allTopicDefinitions } from '@cc/contracts';
import { EventBus } from '@cc/event-bus';
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { PlatformConfig } from '../config/platform-config';
import { PLATFORM_IDENTITY, type PlatformIdentity } from '../platform-identity';
import { TelemetryBusInstrumentation } from '../telemetry/telemetry-bus-instrumentation';
import { openEventLog } from './open-event-log';

/** The process's one EventBus: Kafka or the embedded log by configuration, with every catalogued topic ensured. */
export const eventBusProvider: Provider = {
  provide: EventBus,
  inject: [PlatformConfig, PLATFORM_IDENTITY],
  useFactory: async (config: PlatformConfig, identity: PlatformIdentity) => {
    const log = await openEventLog(config, `cc-${identity.service}`);
    const bus = new EventBus({ log, source: `cc/${identity.service}`, instrumentation: new TelemetryBusInstrumentation(log.kind) });
    await bus.ensureTopics(allTopicDefinitions());
    return bus;
  },
};

/** Closes the bus after the consumers stopped (they stop in beforeApplicationShutdown): pending publishes are flushed. */
@Injectable()
export class EventBusShutdown implements OnApplicationShutdown {
  constructor(@Inject(EventBus) private readonly bus: EventBus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
