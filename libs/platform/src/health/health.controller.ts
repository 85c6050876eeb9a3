import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ComponentHealthService } from './component-health.service';

/** Kubernetes probes: liveness says the process runs; readiness says every component really answers (else 503). */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly healthCheck: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(ComponentHealthService) private readonly components: ComponentHealthService,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.healthCheck.check([async () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get('ready')
  @HealthCheck()
  async ready() {
    const statuses = await this.components.check();
    return this.healthCheck.check(
      statuses.map((status) => async () => {
        const session = this.indicators.check(status.name);
        return status.up ? session.up({ detail: status.detail }) : session.down({ detail: status.detail });
      }),
    );
  }
}
