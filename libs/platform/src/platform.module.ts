import { EventBus } from '@cc/event-bus';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PlatformConfig } from './config/platform-config';
import { DatabaseRegistryService } from './database/database-registry.service';
import { EventBusShutdown, eventBusProvider } from './event-bus/event-bus.provider';
import { AdminGrpc } from './grpc/admin.grpc';
import { GrpcServerService } from './grpc/grpc-server.service';
import { HealthGrpc } from './grpc/health.grpc';
import { ComponentHealthService } from './health/component-health.service';
import { HealthController } from './health/health.controller';
import { PLATFORM_IDENTITY, type PlatformIdentity } from './platform-identity';
import { ConsumerLagMonitor } from './telemetry/consumer-lag.monitor';
import { MetricsController } from './telemetry/metrics.controller';

/**
 * What every service process has, imported once at the root (by an app's main or by the all-in-one launcher):
 * configuration, the EventBus, databases per app schema, the gRPC server with admin and health services, HTTP
 * health probes and Prometheus metrics. Feature modules of the apps inject from here.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(identity: PlatformIdentity, config: PlatformConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PlatformConfig, useValue: config },
        { provide: PLATFORM_IDENTITY, useValue: identity },
        eventBusProvider,
        EventBusShutdown,
        DatabaseRegistryService,
        GrpcServerService,
        ComponentHealthService,
        ConsumerLagMonitor,
        AdminGrpc,
        HealthGrpc,
      ],
      exports: [PlatformConfig, PLATFORM_IDENTITY, EventBus, DatabaseRegistryService, GrpcServerService, ConsumerLagMonitor],
    };
  }
}
