/**
 * The protobuf package callcenter.routing.v1 as one module (exported as `routingV1` from @cc/contracts), like the
 * one-file packages: config.proto (configuration and the events of cc.routing.config.v1), commands.proto (the
 * commands of cc.routing.commands.v1), events.proto (the events of cc.routing.log.v1), replies.proto (the replies
 * of cc.routing.replies.v1) and routing_service.proto (the gRPC RoutingService).
 */
export * from './generated/callcenter/routing/v1/config';
export * from './generated/callcenter/routing/v1/commands';
export * from './generated/callcenter/routing/v1/events';
export * from './generated/callcenter/routing/v1/routing_service';
export * from './generated/callcenter/routing/v1/replies';
// Every generated file declares these; name one of each so that the star exports above do not clash. The file name
// is the service's (what NestJS's protoPath and @grpc/proto-loader want).
export {
  protobufPackage,
  type DeepPartial,
  type Exact,
  type MessageFns,
} from './generated/callcenter/routing/v1/config';
export { protobufFileName } from './generated/callcenter/routing/v1/routing_service';
