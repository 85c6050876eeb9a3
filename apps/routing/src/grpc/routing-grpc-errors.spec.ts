import { Metadata, type ServerErrorResponse, type ServerUnaryCall, status } from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { type ErrorKind, RoutingApiError } from '../api/routing-api-error';
import { ProtoDecodeError } from '../codec/codec-support';
import { grpcFailureOf, grpcStatusOfKind, routingUnary, toServerError } from './routing-grpc-errors';

const METHOD = '/callcenter.routing.v1.RoutingService/LogIn';

/** Runs a handler made by routingUnary and resolves with what it answered. */
function invoke<Req, Res>(
  handle: (request: Req) => Res | Promise<Res>,
  request: Req,
): Promise<{
  error: (Partial<ServerErrorResponse> & { metadata?: Metadata }) | null;
  response: Res | null | undefined;
}> {
  return new Promise((resolve) => {
    const call = { request, metadata: new Metadata() } as unknown as ServerUnaryCall<Req, Res>;
    routingUnary(METHOD, handle)(call, (error, response) =>
      resolve({ error: error as (Partial<ServerErrorResponse> & { metadata?: Metadata }) | null, response }),
    );
  });
}

describe('RoutingService error contract', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it.each<[ErrorKind, status]>([
    ['invalid-argument', status.INVALID_ARGUMENT],
    ['not-found', status.NOT_FOUND],
    ['failed-precondition', status.FAILED_PRECONDITION],
    ['already-exists', status.ALREADY_EXISTS],
    ['aborted', status.ABORTED],
    ['unavailable', status.UNAVAILABLE],
  ])('answers a %s refusal with gRPC status %s', (kind, expected) => {
    expect(grpcStatusOfKind(kind)).toBe(expected);
  });

  it('maps the routing error codes through their kinds', () => {
    const cases: Array<[RoutingApiError, status]> = [
      [new RoutingApiError('unknown-agent', 'There is no agent "a1".'), status.NOT_FOUND],
      [new RoutingApiError('unknown-queue', 'There is no queue "q".'), status.NOT_FOUND],
      [
        new RoutingApiError('unknown-queue', 'There is no queue "q".', 'queue.when_no_agent_logged_in.queue.queue_id'),
        status.INVALID_ARGUMENT,
      ],
      [new RoutingApiError('invalid-transition', 'Talking agents cannot log out.'), status.FAILED_PRECONDITION],
      [new RoutingApiError('duplicate-interaction', 'Already routed.'), status.ALREADY_EXISTS],
      [new RoutingApiError('version-conflict', 'Changed meanwhile.', 'expected_version'), status.ABORTED],
      [new RoutingApiError('unavailable', 'Retry.'), status.UNAVAILABLE],
      [
        new RoutingApiError('invalid-duration', 'Too long.', 'queue.service_level.threshold_ms'),
        status.INVALID_ARGUMENT,
      ],
    ];
    for (const [error, expected] of cases) expect(grpcFailureOf(error).status).toBe(expected);
  });

  it('puts the code and the field of a refusal into the trailing metadata', () => {
    const error = new RoutingApiError(
      'invalid-duration',
      'The threshold must be 1 s to 1 h.',
      'queue.service_level.threshold_ms',
    );

    const answer = toServerError(grpcFailureOf(error));

    expect(answer.code).toBe(status.INVALID_ARGUMENT);
    expect(answer.details).toBe('The threshold must be 1 s to 1 h.');
    expect(answer.metadata.get('cc-error-code')).toEqual(['invalid-duration']);
    expect(answer.metadata.get('cc-error-field')).toEqual(['queue.service_level.threshold_ms']);
  });

  it('sends no cc-error-field when the refusal names no field', () => {
    const answer = toServerError(grpcFailureOf(new RoutingApiError('unknown-agent', 'There is no agent "a1".')));

    expect(answer.code).toBe(status.NOT_FOUND);
    expect(answer.metadata.get('cc-error-code')).toEqual(['unknown-agent']);
    expect(answer.metadata.get('cc-error-field')).toEqual([]);
  });

  it("answers a request the codecs cannot decode with INVALID_ARGUMENT and the decoder's field", () => {
    const failure = grpcFailureOf(new ProtoDecodeError('queue.channel', 'Channel value 42 is not known'));

    expect(failure).toEqual({
      status: status.INVALID_ARGUMENT,
      message: 'queue.channel: Channel value 42 is not known',
      code: 'invalid-argument',
      field: 'queue.channel',
    });
  });

  it('answers anything else with INTERNAL and a message', () => {
    expect(grpcFailureOf(new TypeError('x is undefined'))).toEqual({
      status: status.INTERNAL,
      message: 'The routing service failed to answer: x is undefined',
      code: 'internal',
    });
    expect(grpcFailureOf('boom').status).toBe(status.INTERNAL);
  });

  describe('routingUnary', () => {
    it('answers with what the use case returns', async () => {
      const answer = await invoke(async (request: { agentId: string }) => ({ agentId: request.agentId }), {
        agentId: 'a1',
      });

      expect(answer).toEqual({ error: null, response: { agentId: 'a1' } });
    });

    it('answers a rejected use case with the status and the trailing metadata', async () => {
      const answer = await invoke(
        () => Promise.reject(new RoutingApiError('version-conflict', 'Reload.', 'expected_version')),
        {},
      );

      expect(answer.error?.code).toBe(status.ABORTED);
      expect(answer.error?.details).toBe('Reload.');
      expect(answer.error?.metadata?.get('cc-error-code')).toEqual(['version-conflict']);
      expect(answer.error?.metadata?.get('cc-error-field')).toEqual(['expected_version']);
    });

    it('answers a use case that throws at once (a decoding error) rather than crashing', async () => {
      const answer = await invoke(() => {
        throw new ProtoDecodeError('initial_state', 'an agent logs in AVAILABLE or NOT_READY');
      }, {});

      expect(answer.error?.code).toBe(status.INVALID_ARGUMENT);
      expect(answer.error?.metadata?.get('cc-error-field')).toEqual(['initial_state']);
    });

    it('answers an unexpected error with INTERNAL', async () => {
      const answer = await invoke(() => {
        throw new Error('replica not started');
      }, {});

      expect(answer.error?.code).toBe(status.INTERNAL);
      expect(answer.error?.details).toContain('replica not started');
      expect(answer.error?.metadata?.get('cc-error-code')).toEqual(['internal']);
    });
  });
});
