import { healthV1 } from '@cc/contracts';
import { type ServerWritableStream, status } from '@grpc/grpc-js';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ComponentHealthService } from '../health/component-health.service';
import { PLATFORM_IDENTITY, type PlatformIdentity } from '../platform-identity';
import { unary } from './unary';
import { GrpcServerService } from './grpc-server.service';

const { SERVING, NOT_SERVING, SERVICE_UNKNOWN } = healthV1.HealthCheckResponse_ServingStatus;
const WATCH_INTERVAL_MS = 5_000;

/**
 * grpc.health.v1.Health, so Kubernetes gRPC probes and grpc-health-probe work. The server ("") and this service's
 * name are SERVING when every component (event log, databases) answers: the same check as /health/ready.
 */
@Injectable()
export class HealthGrpc implements OnModuleInit {
  constructor(
    @Inject(GrpcServerService) private readonly server: GrpcServerService,
    @Inject(ComponentHealthService) private readonly health: ComponentHealthService,
    @Inject(PLATFORM_IDENTITY) private readonly identity: PlatformIdentity,
  ) {}

  onModuleInit(): void {
    const implementation: healthV1.HealthServer = {
      check: unary('/grpc.health.v1.Health/Check', async (request: healthV1.HealthCheckRequest) => {
        if (!this.knows(request.service)) {
          throw Object.assign(new Error(`unknown service "${request.service}"`), { code: status.NOT_FOUND });
        }
        return { status: await this.servingStatus() };
      }),
      list: unary('/grpc.health.v1.Health/List', async () => {
        const current = { status: await this.servingStatus() };
        return { statuses: { '': current, [this.identity.service]: current } };
      }),
      watch: (call) => this.watch(call),
    };
    this.server.addService(healthV1.HealthService, implementation);
  }

  private knows(service: string): boolean {
    return service === '' || service === this.identity.service;
  }

  private async servingStatus(): Promise<healthV1.HealthCheckResponse_ServingStatus> {
    const components = await this.health.check();
    return components.every((c) => c.up) ? SERVING : NOT_SERVING;
  }

  private watch(call: ServerWritableStream<healthV1.HealthCheckRequest, healthV1.HealthCheckResponse>): void {
    if (!this.knows(call.request.service)) {
      call.write({ status: SERVICE_UNKNOWN });
      return;
    }
    let last: healthV1.HealthCheckResponse_ServingStatus | undefined;
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      const current = await this.servingStatus().catch(() => NOT_SERVING);
      if (current !== last && !stopped) {
        last = current;
        call.write({ status: current });
      }
    };
    const timer = setInterval(() => void tick(), WATCH_INTERVAL_MS);
    const stop = () => {
      stopped = true;
      clearInterval(timer);
    };
    call.on('cancelled', stop);
    call.on('close', stop);
    void tick();
  }
}
