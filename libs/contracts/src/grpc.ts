/**
 * gRPC wiring of the platform's services: the package definition built from the generated ts-proto codecs, usable
 * by @grpc/grpc-js directly and by NestJS (`packageDefinition` option, instead of loading .proto files at runtime).
 *
 *   app.connectMicroservice<MicroserviceOptions>({
 *     transport: Transport.GRPC,
 *     options: { package: [...GRPC_PACKAGES], packageDefinition: grpcPackageDefinition(), url: '0.0.0.0:50051' },
 *   });
 *
 * Controllers implement the types `platformV1Nest.AdminServiceController` / `healthV1Nest.HealthController` and mark each
 * method with NestJS's `@GrpcMethod(GRPC_SERVICES.admin, 'getStatus')` (method names in GRPC_METHODS). @cc/contracts
 * exports the Nest types only, so it never loads NestJS at runtime; the generated decorators
 * (generated/nest/..., `AdminServiceControllerMethods()`) do the same and are exercised in test/nest-grpc.node-test.ts.
 */
import type { GrpcObject, ServiceDefinition } from '@grpc/grpc-js';
import { loadPackageDefinition } from '@grpc/grpc-js';
import { AdminServiceService } from './generated/callcenter/platform/v1/admin';
import { HealthService } from './generated/grpc/health/v1/health';

/** Fully qualified gRPC service names. */
export const GRPC_SERVICES = {
  admin: 'callcenter.platform.v1.AdminService',
  health: 'grpc.health.v1.Health',
} as const;

/** Method names (lower camel case, as NestJS and the generated clients use them) of each service. */
export const GRPC_METHODS = {
  admin: Object.keys(AdminServiceService) as (keyof typeof AdminServiceService)[],
  health: Object.keys(HealthService) as (keyof typeof HealthService)[],
} as const;

/** Protobuf packages that hold the services (the `package` option of the NestJS gRPC transport). */
export const GRPC_PACKAGES = ['callcenter.platform.v1', 'grpc.health.v1'] as const;

/** A package definition in the shape @grpc/proto-loader produces: fully qualified service name -> definition. */
export type GrpcPackageDefinition = Record<string, ServiceDefinition>;

/** The platform's gRPC services with their protobuf codecs (ts-proto), keyed by fully qualified name. */
export function grpcPackageDefinition(): GrpcPackageDefinition {
  return {
    [GRPC_SERVICES.admin]: AdminServiceService as unknown as ServiceDefinition,
    [GRPC_SERVICES.health]: HealthService as unknown as ServiceDefinition,
  };
}

/** The package definition loaded as @grpc/grpc-js objects (nested by package, with client constructors). */
export function loadGrpcObject(): GrpcObject {
  return loadPackageDefinition(grpcPackageDefinition());
}
