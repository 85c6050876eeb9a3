import { sipV1 } from '@cc/contracts';
import { GrpcServerService } from '@cc/platform';
import {
  Metadata,
  type sendUnaryData,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type ServerWritableStream,
  status,
} from '@grpc/grpc-js';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { IngressDirectory } from '../directory/ingress-directory';
import { SipIngressService } from '../sip-ingress.service';
import { OriginateRefusal, originateOrderOf, type OriginateRefusalCode } from './originate-order';
import { type OriginateStage, type OriginateStep } from './originator';

const STATUS_OF: Record<OriginateRefusalCode, status> = {
  'invalid-argument': status.INVALID_ARGUMENT,
  'not-found': status.NOT_FOUND,
  'failed-precondition': status.FAILED_PRECONDITION,
};

const STAGES: Record<OriginateStage, sipV1.OriginateStage> = {
  trying: sipV1.OriginateStage.ORIGINATE_STAGE_TRYING,
  ringing: sipV1.OriginateStage.ORIGINATE_STAGE_RINGING,
  answered: sipV1.OriginateStage.ORIGINATE_STAGE_ANSWERED,
  bridged: sipV1.OriginateStage.ORIGINATE_STAGE_BRIDGED,
  busy: sipV1.OriginateStage.ORIGINATE_STAGE_BUSY,
  'no-answer': sipV1.OriginateStage.ORIGINATE_STAGE_NO_ANSWER,
  failed: sipV1.OriginateStage.ORIGINATE_STAGE_FAILED,
  ended: sipV1.OriginateStage.ORIGINATE_STAGE_ENDED,
};

/** callcenter.sip.v1.CallControlService over the process's gRPC server (call_control_service.proto). */
@Injectable()
export class CallControlGrpc implements OnModuleInit {
  constructor(
    @Inject(GrpcServerService) private readonly server: GrpcServerService,
    @Inject(SipIngressService) private readonly ingress: SipIngressService,
    @Inject(IngressDirectory) private readonly directory: IngressDirectory,
  ) {}

  onModuleInit(): void {
    this.server.addService(sipV1.CallControlServiceService, this.implementation());
  }

  implementation(): sipV1.CallControlServiceServer {
    return {
      originate: (call: ServerWritableStream<sipV1.OriginateRequest, sipV1.OriginateResponse>) => {
        const originator = this.ingress.originator;
        if (!originator) {
          call.emit('error', failure(status.UNAVAILABLE, 'The SIP ingress is starting; retry.'));
          return;
        }
        let order;
        try {
          order = originateOrderOf(call.request, this.directory);
        } catch (error) {
          call.emit('error', refusalOf(error));
          return;
        }
        originator.originate(order, (step) => {
          if (call.cancelled || call.destroyed) return;
          call.write(responseOf(step));
          if (isFinal(step.stage)) call.end();
        });
      },
      hangUp: (
        call: ServerUnaryCall<sipV1.HangUpRequest, sipV1.HangUpResponse>,
        callback: sendUnaryData<sipV1.HangUpResponse>,
      ) => {
        const { tenantId, callId } = call.request;
        if (this.ingress.originator?.hangUp(tenantId, callId)) {
          callback(null, {});
          return;
        }
        const error = failure(status.NOT_FOUND, `call "${callId}" of tenant "${tenantId}" is not held here.`);
        error.metadata?.set('cc-error-field', 'call_id');
        callback(error);
      },
    };
  }
}

function isFinal(stage: OriginateStage): boolean {
  return stage === 'busy' || stage === 'no-answer' || stage === 'failed' || stage === 'ended';
}

function responseOf(step: OriginateStep): sipV1.OriginateResponse {
  return {
    callId: step.callId,
    stage: STAGES[step.stage],
    occurredAt: new Date(step.at),
    sipStatus: step.sipStatus,
    reason: step.reason,
    agentId: step.agentId,
    sipCallId: step.sipCallId,
    reference: step.reference,
  };
}

function refusalOf(error: unknown): ServerErrorResponse {
  if (!(error instanceof OriginateRefusal)) return failure(status.INTERNAL, String(error));
  const response = failure(STATUS_OF[error.code], error.message);
  response.metadata?.set('cc-error-field', error.field);
  return response;
}

function failure(code: status, message: string): ServerErrorResponse {
  const metadata = new Metadata();
  return Object.assign(new Error(message), { code, details: message, metadata });
}
