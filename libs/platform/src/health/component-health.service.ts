import { EventBus } from '@cc/event-bus';
import { pingDatabase } from '@cc/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DatabaseRegistryService } from '../database/database-registry.service';

export interface ComponentStatus {
  name: string;
  up: boolean;
  detail: string;
}

const CHECK_TIMEOUT_MS = 2_000;

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Really checks what the process depends on: a round trip to the event log (Kafka or embedded) and a query on each
 * app's database. Readiness (HTTP and gRPC health) and the admin status report all ask here.
 */
@Injectable()
export class ComponentHealthService {
  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(DatabaseRegistryService) private readonly databases: DatabaseRegistryService,
  ) {}

  async check(): Promise<ComponentStatus[]> {
    const checks: Array<Promise<ComponentStatus>> = [
      this.probe('event-bus', async () => {
        await withTimeout(this.bus.log.ping(), 'event log');
        return this.bus.log.kind === 'kafka' ? 'Apache Kafka' : 'embedded durable log';
      }),
      ...this.databases.all().map(([schema, dataSource]) =>
        this.probe(`database:${schema}`, async () => {
          const ping = await pingDatabase(dataSource, CHECK_TIMEOUT_MS);
          if (!ping.up) throw new Error(ping.error ?? 'no answer');
          return `${this.databaseKind()} (${ping.latencyMs} ms)`;
        }),
      ),
    ];
    return Promise.all(checks);
  }

  private databaseKind(): string {
    return this.databases.embedded ? 'PGlite' : 'PostgreSQL';
  }

  private async probe(name: string, fn: () => Promise<string>): Promise<ComponentStatus> {
    try {
      return { name, up: true, detail: await fn() };
    } catch (error) {
      return { name, up: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
