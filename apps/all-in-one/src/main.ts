import 'reflect-metadata';
import { runService } from '@cc/platform';
import { SipIngressService } from '@cc/sip-ingress';
import { PLATFORM_APPS } from './platform-apps';

void runService({ name: 'all-in-one', modules: PLATFORM_APPS.map((a) => a.module) }, (s) => [
  `apps:        ${PLATFORM_APPS.map((a) => a.name).join(', ')}`,
  `HTTP APIs:   ${s.httpUrl}/api  (reports: ${s.httpUrl}/api/reporting/calls?tenantId=demo)`,
  `routing:     ${s.httpUrl}/api/routing/tenants/demo/config  (queues: ${s.httpUrl}/api/routing/tenants/demo/queues)`,
  `SIP:         ${sipAddress(s)} UDP and TCP  (DIDs +74950000001 msk sales, +74950000002 msk support, +73830000001 nsk support; agents 1001-1010, 2001-2010 register with password demo-<number>)`,
  `SIP API:     ${s.httpUrl}/api/sip/tenants/demo/dids  (trunks, agents' SIP credentials)`,
  `health:      ${s.httpUrl}/health/ready   metrics: ${s.httpUrl}/metrics`,
  `gRPC:        ${s.grpcAddress}  (grpc.health.v1.Health, callcenter.platform.v1.AdminService, callcenter.routing.v1.RoutingService)`,
  `event log:   ${s.config.KAFKA_BROKERS ? `Kafka ${s.config.KAFKA_BROKERS}` : `embedded, ${s.config.DATA_DIR}/event-log`}`,
  `database:    ${s.config.DATABASE_URL ? 'PostgreSQL' : `PGlite, ${s.config.DATA_DIR}/pglite`}`,
  'Ctrl-C stops it cleanly.',
]);

function sipAddress(s: { app: { get<T>(type: new (...args: never[]) => T): T } }): string {
  const { host, port } = s.app.get(SipIngressService).sipAddress;
  return `${host}:${port}`;
}
