export * from './config/platform-config';
export * from './platform-identity';
export * from './platform.module';
export * from './database/database.module';
export * from './database/database-registry.service';
export * from './grpc/grpc-server.service';
export { unary } from './grpc/unary';
export * from './telemetry/consumer-lag.monitor';
export * from './bootstrap/start-service';
