/*
 * NestJS gRPC transport serving the generated controller interfaces and decorators over grpcPackageDefinition().
 * NestJS is an ES module, which jest cannot load on Node 20, so this runs on node:test instead:
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register --test libs/contracts/test/nest-grpc.node-test.ts
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { credentials } from '@grpc/grpc-js';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { AdminServiceClient, type GetStatusResponse } from '../src/generated/callcenter/platform/v1/admin';
import { HealthClient, type HealthCheckResponse } from '../src/generated/grpc/health/v1/health';
import {
  AdminServiceControllerMethods,
  ComponentState,
  type AdminServiceController,
  type GetConsumerLagRequest,
  type GetConsumerLagResponse,
  type GetStatusResponse as NestGetStatusResponse,
  type ListTopicsResponse,
} from '../src/generated/nest/callcenter/platform/v1/admin';
import {
  HealthCheckResponse_ServingStatus as ServingStatus,
  HealthControllerMethods,
  type HealthCheckResponse as NestHealthCheckResponse,
  type HealthController,
  type HealthListResponse,
} from '../src/generated/nest/grpc/health/v1/health';
import { GRPC_PACKAGES, grpcPackageDefinition } from '../src/grpc';

const startedAt = new Date('2025-03-01T08:00:00.000Z');

@Controller()
@AdminServiceControllerMethods()
class AdminGrpc implements AdminServiceController {
  getStatus(): NestGetStatusResponse {
    return {
      serviceName: 'reporting',
      version: '0.1.0',
      uptimeMs: 5,
      startedAt,
      components: [{ name: 'database', state: ComponentState.COMPONENT_STATE_DOWN, detail: 'connection refused' }],
    };
  }
  listTopics(): ListTopicsResponse {
    return { topics: [{ name: 'cc.call.lifecycle.v1', partitions: 12, retentionMs: -1, compacted: false }] };
  }
  async getConsumerLag(request: GetConsumerLagRequest): Promise<GetConsumerLagResponse> {
    return { groupId: request.groupId, partitions: [], totalLag: 0 };
  }
}

@Controller()
@HealthControllerMethods()
class HealthGrpc implements HealthController {
  check(): NestHealthCheckResponse {
    return { status: ServingStatus.SERVING };
  }
  list(): HealthListResponse {
    return { statuses: {} };
  }
  watch(): Observable<NestHealthCheckResponse> {
    return new Observable((subscriber) => {
      subscriber.next({ status: ServingStatus.NOT_SERVING });
      subscriber.next({ status: ServingStatus.SERVING });
      subscriber.complete();
    });
  }
}

@Module({ controllers: [AdminGrpc, HealthGrpc] })
class GrpcTestModule {}

describe('NestJS gRPC transport with the generated controllers and package definition', () => {
  let app: INestMicroservice;
  const url = `127.0.0.1:${40000 + Math.floor(Math.random() * 20000)}`;

  before(async () => {
    app = await NestFactory.createMicroservice<MicroserviceOptions>(GrpcTestModule, {
      transport: Transport.GRPC,
      options: { package: [...GRPC_PACKAGES], packageDefinition: grpcPackageDefinition(), url },
      logger: false,
    });
    await app.listen();
  });

  after(async () => {
    await app.close();
  });

  it('serves AdminService through the decorated controller', async () => {
    const client = new AdminServiceClient(url, credentials.createInsecure());
    const status = await new Promise<GetStatusResponse>((resolve, reject) =>
      client.getStatus({}, (error, value) => (error ? reject(error) : resolve(value))),
    );
    client.close();
    assert.deepEqual(status, {
      serviceName: 'reporting',
      version: '0.1.0',
      uptimeMs: 5,
      startedAt,
      components: [{ name: 'database', state: ComponentState.COMPONENT_STATE_DOWN, detail: 'connection refused' }],
    });
  });

  it('serves grpc.health.v1.Health Check and Watch', async () => {
    const client = new HealthClient(url, credentials.createInsecure());
    const check = await new Promise<HealthCheckResponse>((resolve, reject) =>
      client.check({ service: '' }, (error, value) => (error ? reject(error) : resolve(value))),
    );
    assert.equal(check.status, ServingStatus.SERVING);
    const watched: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = client.watch({ service: '' });
      stream.on('data', (message: HealthCheckResponse) => watched.push(message.status));
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    client.close();
    assert.deepEqual(watched, [ServingStatus.NOT_SERVING, ServingStatus.SERVING]);
  });
});
