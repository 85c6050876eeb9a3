export { RoutingModule } from './routing.module';
export { RoutingRuntime, type RoutingRuntimeOptions } from './routing-runtime';
export { RoutingGateway } from './api/routing-gateway';
export { RoutingApiError } from './api/routing-api-error';
