import {
  metricsRegistry,
  platformMetrics,
  recordEventConsumed,
  recordEventDeadLettered,
  recordEventPublished,
  renderMetrics,
  setConsumerLag,
  startHandlerTimer,
  startPublishTimer,
} from './metrics';

describe('metrics', () => {
  it('renders the platform metrics and the default Node metrics', async () => {
    recordEventPublished('cc.routing.log.v1');
    recordEventPublished('cc.routing.log.v1', 2);
    recordEventConsumed('cc.routing.log.v1', 'reporting');
    recordEventDeadLettered('cc.routing.log.v1', 'reporting', 'undecodable');
    setConsumerLag('reporting', 'cc.routing.log.v1', 0, 7n);
    startHandlerTimer('reporting', 'cc.routing.log.v1')();
    startPublishTimer('cc.routing.log.v1')();

    const { contentType, body } = await renderMetrics();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('cc_events_published_total{topic="cc.routing.log.v1"} 3');
    expect(body).toContain('cc_events_consumed_total{topic="cc.routing.log.v1",group="reporting"} 1');
    expect(body).toContain(
      'cc_events_dead_lettered_total{topic="cc.routing.log.v1",group="reporting",reason="undecodable"} 1',
    );
    expect(body).toContain('cc_consumer_lag{group="reporting",topic="cc.routing.log.v1",partition="0"} 7');
    expect(body).toContain(
      'cc_handler_duration_seconds_bucket{le="0.0005",group="reporting",topic="cc.routing.log.v1"}',
    );
    expect(body).toContain('cc_handler_duration_seconds_bucket{le="5",group="reporting",topic="cc.routing.log.v1"} 1');
    expect(body).toContain('cc_publish_duration_seconds_count{topic="cc.routing.log.v1"} 1');
    expect(body).toContain('process_cpu_user_seconds_total');
  });

  it('keeps one registry and one set of metrics per process', () => {
    expect(metricsRegistry()).toBe(metricsRegistry());
    expect(platformMetrics()).toBe(platformMetrics());
  });
});
