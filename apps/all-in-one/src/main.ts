import 'reflect-metadata';
import { runService } from '@cc/platform';
import { PLATFORM_APPS } from './platform-apps';

void runService({ name: 'all-in-one', modules: PLATFORM_APPS.map((a) => a.module) }, (s) => [
  `apps:        ${PLATFORM_APPS.map((a) => a.name).join(', ')}`,
  `HTTP APIs:   ${s.httpUrl}/api  (reports: ${s.httpUrl}/api/reporting/calls?tenantId=demo)`,
  `routing:     ${s.httpUrl}/api/routing/tenants/demo/config  (queues: ${s.httpUrl}/api/routing/tenants/demo/queues)`,
  `health:      ${s.httpUrl}/health/ready   metrics: ${s.httpUrl}/metrics`,
  `gRPC:        ${s.grpcAddress}  (grpc.health.v1.Health, callcenter.platform.v1.AdminService, callcenter.routing.v1.RoutingService)`,
  `event log:   ${s.config.KAFKA_BROKERS ? `Kafka ${s.config.KAFKA_BROKERS}` : `embedded, ${s.config.DATA_DIR}/event-log`}`,
  `database:    ${s.config.DATABASE_URL ? 'PostgreSQL' : `PGlite, ${s.config.DATA_DIR}/pglite`}`,
  'Ctrl-C stops it cleanly.',
]);
