/**
 * @cc/contracts: the platform's public contracts. Generated protobuf types (namespaced by package and version),
 * topic catalogue, event type registry, CloudEvents envelope and gRPC wiring.
 */
export * from './topics';
export * from './event-types';
export * from './envelope';
export * from './grpc';

export * as commonV1 from './generated/callcenter/common/v1/common';
export * as callV1 from './generated/callcenter/call/v1/call';
export * as agentV1 from './generated/callcenter/agent/v1/agent';
export * as queueV1 from './generated/callcenter/queue/v1/queue';
export * as routingV1 from './routing-v1';
export * as sipV1 from './sip-v1';
export * as platformV1 from './generated/callcenter/platform/v1/admin';
export * as healthV1 from './generated/grpc/health/v1/health';
// NestJS controller/client interfaces of the gRPC services: types only, so that importing @cc/contracts never loads
// NestJS (an ES module) at runtime. Controllers use Nest's own @GrpcMethod with GRPC_SERVICES names, see grpc.ts.
export type * as platformV1Nest from './generated/nest/callcenter/platform/v1/admin';
export type * as healthV1Nest from './generated/nest/grpc/health/v1/health';
