import { EventBus } from '@cc/event-bus';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { RoutingGateway } from './api/routing-gateway';
import { RoutingGrpc } from './grpc/routing.grpc';
import { RoutingAgentsController } from './http/routing-agents.controller';
import { RoutingConfigController } from './http/routing-config.controller';
import { RoutingInteractionsController } from './http/routing-interactions.controller';
import { RoutingQueuesController } from './http/routing-queues.controller';
import { RoutingRuntime, type RoutingRuntimeOptions } from './routing-runtime';

const ROUTING_OPTIONS = Symbol('ROUTING_OPTIONS');

/** Starts and stops the routing instance with the application. */
@Injectable()
class RoutingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(RoutingRuntime) private readonly runtime: RoutingRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

/** The routing service: decides routing commands, answers the routing gRPC API and its REST facade. */
@Module({})
export class RoutingModule {
  static forRoot(options: RoutingRuntimeOptions = {}): DynamicModule {
    return {
      module: RoutingModule,
      controllers: [
        RoutingConfigController,
        RoutingAgentsController,
        RoutingQueuesController,
        RoutingInteractionsController,
      ],
      providers: [
        { provide: ROUTING_OPTIONS, useValue: options },
        {
          provide: RoutingRuntime,
          useFactory: (bus: EventBus, opts: RoutingRuntimeOptions) => new RoutingRuntime(bus, opts),
          inject: [EventBus, ROUTING_OPTIONS],
        },
        { provide: RoutingGateway, useFactory: (runtime: RoutingRuntime) => runtime.gateway, inject: [RoutingRuntime] },
        RoutingLifecycle,
        RoutingGrpc,
      ],
      exports: [RoutingGateway, RoutingRuntime],
    };
  }
}
