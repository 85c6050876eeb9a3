/**
 * The protobuf package callcenter.sip.v1 as one module (exported as `sipV1` from @cc/contracts): sip.proto (the
 * events of cc.sip.legs.v1 and cc.sip.registrations.v1) and call_control_service.proto (the gRPC CallControlService).
 */
export * from './generated/callcenter/sip/v1/sip';
export * from './generated/callcenter/sip/v1/call_control_service';
// Every generated file declares these; name one of each so that the star exports above do not clash.
export { protobufPackage, type DeepPartial, type Exact, type MessageFns } from './generated/callcenter/sip/v1/sip';
export { protobufFileName } from './generated/callcenter/sip/v1/call_control_service';
