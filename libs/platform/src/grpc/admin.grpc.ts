import { platformV1 } from '@cc/contracts';
import { EventBus } from '@cc/event-bus';
import { status } from '@grpc/grpc-js';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ComponentHealthService } from '../health/component-health.service';
import { PLATFORM_IDENTITY, type PlatformIdentity } from '../platform-identity';
import { GrpcServerService } from './grpc-server.service';
import { unary } from './unary';

/** callcenter.platform.v1.AdminService: status, topics and consumer lag, for operators. */
@Injectable()
export class AdminGrpc implements OnModuleInit {
  constructor(
    @Inject(GrpcServerService) private readonly server: GrpcServerService,
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(ComponentHealthService) private readonly health: ComponentHealthService,
    @Inject(PLATFORM_IDENTITY) private readonly identity: PlatformIdentity,
  ) {}

  onModuleInit(): void {
    const implementation: platformV1.AdminServiceServer = {
      getStatus: unary('/callcenter.platform.v1.AdminService/GetStatus', () => this.getStatus()),
      listTopics: unary('/callcenter.platform.v1.AdminService/ListTopics', () => this.listTopics()),
      getConsumerLag: unary('/callcenter.platform.v1.AdminService/GetConsumerLag', (r: platformV1.GetConsumerLagRequest) =>
        this.getConsumerLag(r),
      ),
    };
    this.server.addService(platformV1.AdminServiceService, implementation);
  }

  private async getStatus(): Promise<platformV1.GetStatusResponse> {
    const components = await this.health.check();
    return {
      serviceName: this.identity.service,
      version: this.identity.version,
      uptimeMs: Date.now() - this.identity.startedAt.getTime(),
      startedAt: this.identity.startedAt,
      components: components.map((c) => ({
        name: c.name,
        state: c.up ? platformV1.ComponentState.COMPONENT_STATE_UP : platformV1.ComponentState.COMPONENT_STATE_DOWN,
        detail: c.detail,
      })),
    };
  }

  private async listTopics(): Promise<platformV1.ListTopicsResponse> {
    const topics = await this.bus.log.listTopics();
    return {
      topics: topics
        .map((t) => ({ name: t.name, partitions: t.partitions, retentionMs: t.retentionMs ?? -1, compacted: t.compacted ?? false }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  private async getConsumerLag(request: platformV1.GetConsumerLagRequest): Promise<platformV1.GetConsumerLagResponse> {
    if (!request.groupId) throw Object.assign(new Error('group_id is required'), { code: status.INVALID_ARGUMENT });
    const known = new Set((await this.bus.log.listTopics()).map((t) => t.name));
    const unknown = request.topics.filter((t) => !known.has(t));
    if (unknown.length > 0) {
      throw Object.assign(new Error(`unknown topics: ${unknown.join(', ')}`), { code: status.NOT_FOUND });
    }
    const topics = request.topics.length > 0 ? request.topics : [...known];
    const partitions = await this.bus.lag(request.groupId, topics);
    return { groupId: request.groupId, partitions, totalLag: partitions.reduce((sum, p) => sum + p.lag, 0) };
  }
}
