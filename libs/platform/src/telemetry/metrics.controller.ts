import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { renderMetrics } from '@cc/telemetry';
import { type Response } from 'express';
import { ConsumerLagMonitor } from './consumer-lag.monitor';

/** Prometheus scrape endpoint: consumer lag, handler latency, events published/consumed, Node runtime metrics. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ConsumerLagMonitor) private readonly lag: ConsumerLagMonitor) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() response: Response): Promise<void> {
    await this.lag.refresh();
    const { contentType, body } = await renderMetrics();
    response.setHeader('Content-Type', contentType);
    response.send(body);
  }
}
