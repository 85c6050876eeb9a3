import { credentials, Server, ServerCredentials, type ServiceError } from '@grpc/grpc-js';
import {
  AdminServiceClient,
  AdminServiceService,
  ComponentState,
  type AdminServiceServer,
  type GetStatusResponse,
} from './generated/callcenter/platform/v1/admin';
import {
  HealthCheckResponse_ServingStatus as ServingStatus,
  HealthClient,
  HealthService,
  type HealthServer,
  type HealthCheckResponse,
} from './generated/grpc/health/v1/health';
import { GRPC_PACKAGES, GRPC_SERVICES, grpcPackageDefinition, loadGrpcObject } from './grpc';

const startedAt = new Date('2025-03-01T08:00:00.000Z');

const admin: AdminServiceServer = {
  getStatus: (_call, callback) =>
    callback(null, {
      serviceName: 'routing',
      version: '0.1.0',
      uptimeMs: 3_600_000,
      startedAt,
      components: [{ name: 'event-bus', state: ComponentState.COMPONENT_STATE_UP, detail: '3 brokers' }],
    }),
  listTopics: (_call, callback) => callback(null, { topics: [] }),
  getConsumerLag: (call, callback) => callback(null, { groupId: call.request.groupId, partitions: [], totalLag: 0 }),
};

const health: HealthServer = {
  check: (call, callback) =>
    call.request.service === '' || call.request.service === GRPC_SERVICES.admin
      ? callback(null, { status: ServingStatus.SERVING })
      : callback({ code: 5, details: 'unknown service' } as ServiceError, null),
  list: (_call, callback) => callback(null, { statuses: { '': { status: ServingStatus.SERVING } } }),
  watch: (call) => {
    call.write({ status: ServingStatus.SERVING });
    call.end();
  },
};

describe('gRPC service definitions (@grpc/grpc-js)', () => {
  let server: Server;
  let address: string;

  beforeAll(async () => {
    server = new Server();
    server.addService(AdminServiceService, admin);
    server.addService(HealthService, health);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    address = `127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  });

  it('serves Admin/GetStatus with timestamps and enums intact', async () => {
    const client = new AdminServiceClient(address, credentials.createInsecure());
    const response = await new Promise<GetStatusResponse>((resolve, reject) =>
      client.getStatus({}, (error, value) => (error ? reject(error) : resolve(value))),
    );
    client.close();
    expect(response.serviceName).toBe('routing');
    expect(response.startedAt).toEqual(startedAt);
    expect(response.components[0]).toEqual({
      name: 'event-bus',
      state: ComponentState.COMPONENT_STATE_UP,
      detail: '3 brokers',
    });
  });

  it('answers the standard health Check (what Kubernetes gRPC probes call) and Watch', async () => {
    const client = new HealthClient(address, credentials.createInsecure());
    const check = await new Promise<HealthCheckResponse>((resolve, reject) =>
      client.check({ service: '' }, (error, value) => (error ? reject(error) : resolve(value))),
    );
    expect(check.status).toBe(ServingStatus.SERVING);
    const unknown = await new Promise<ServiceError>((resolve) =>
      client.check({ service: 'nope' }, (error) => resolve(error!)),
    );
    expect(unknown.code).toBe(5);
    const watched: HealthCheckResponse[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = client.watch({ service: '' });
      stream.on('data', (message: HealthCheckResponse) => watched.push(message));
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    client.close();
    expect(watched).toEqual([{ status: ServingStatus.SERVING }]);
  });

  it('exposes a package definition NestJS can load, keyed by fully qualified service name', () => {
    expect(Object.keys(grpcPackageDefinition()).sort()).toEqual([GRPC_SERVICES.admin, GRPC_SERVICES.health].sort());
    const root = loadGrpcObject() as unknown as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    expect(typeof root['callcenter']!['platform']!['v1']!['AdminService']).toBe('function');
    expect(typeof root['grpc']!['health']!['v1']!['Health']).toBe('function');
    expect(GRPC_PACKAGES).toEqual(['callcenter.platform.v1', 'grpc.health.v1']);
  });
});
