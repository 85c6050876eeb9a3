import { type ArgumentsHost, HttpStatus } from '@nestjs/common';
import { type ErrorKind, RoutingApiError } from '../api/routing-api-error';
import { httpErrorOf, httpStatusOfKind, RoutingHttpExceptionFilter, restFieldPath } from './routing-http-errors';

describe('REST error answers', () => {
  it.each<[ErrorKind, HttpStatus]>([
    ['invalid-argument', HttpStatus.BAD_REQUEST],
    ['not-found', HttpStatus.NOT_FOUND],
    ['failed-precondition', HttpStatus.CONFLICT],
    ['already-exists', HttpStatus.CONFLICT],
    ['aborted', HttpStatus.CONFLICT],
    ['unavailable', HttpStatus.SERVICE_UNAVAILABLE],
  ])('answers a %s refusal with HTTP %s', (kind, expected) => {
    expect(httpStatusOfKind(kind)).toBe(expected);
  });

  it('answers an invalid field with 400 and the field as named in the body', () => {
    const error = new RoutingApiError(
      'invalid-duration',
      'The threshold must be 1 s to 1 h.',
      'queue.service_level.threshold_ms',
    );

    expect(httpErrorOf(error)).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The threshold must be 1 s to 1 h.',
        code: 'invalid-duration',
        field: 'serviceLevel.thresholdMs',
      },
      headers: {},
    });
  });

  it('answers an unknown subject with 404 and no field', () => {
    const { status, body } = httpErrorOf(new RoutingApiError('unknown-agent', 'There is no agent "a1".'));

    expect(status).toBe(404);
    expect(body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'There is no agent "a1".',
      code: 'unknown-agent',
    });
  });

  it('answers a version conflict with 409', () => {
    const { body } = httpErrorOf(
      new RoutingApiError('version-conflict', 'Reload and apply again.', 'expected_version'),
    );

    expect(body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      code: 'version-conflict',
      field: 'expectedVersion',
    });
  });

  it('answers UNAVAILABLE with 503 and Retry-After', () => {
    const { status, headers } = httpErrorOf(new RoutingApiError('unavailable', 'Retry with the same Idempotency-Key.'));

    expect(status).toBe(503);
    expect(headers).toEqual({ 'Retry-After': '1' });
  });

  it.each([
    ['queue.service_level.threshold_ms', 'serviceLevel.thresholdMs'],
    ['queue.required_skills[1].skill_id', 'requiredSkills[1].skillId'],
    ['queue.when_estimated_wait_above.action.queue.queue_id', 'whenEstimatedWaitAbove.action.queue.queueId'],
    ['agent.capacity[0].max_interactions', 'capacity[0].maxInteractions'],
    ['branch.time_zone', 'timeZone'],
    ['reason.code', 'code'],
    ['interaction.queue_id', 'queueId'],
    ['reason_code', 'reasonCode'],
    ['queue_id', 'queueId'],
    ['skills.sales', 'skills.sales'],
    ['groups[2]', 'groups[2]'],
    ['serviceLevel.thresholdMs', 'serviceLevel.thresholdMs'],
    ['If-Match', 'If-Match'],
    ['', undefined],
    [undefined, undefined],
  ])('names the proto field %s as %s in the REST body', (field, expected) => {
    expect(restFieldPath(field)).toBe(expected);
  });

  it('writes the answer through the exception filter', () => {
    const response = { setHeader: jest.fn(), status: jest.fn(), json: jest.fn() };
    response.status.mockReturnValue(response);
    const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;

    new RoutingHttpExceptionFilter().catch(new RoutingApiError('unavailable', 'Retry.'), host);

    expect(response.setHeader).toHaveBeenCalledWith('Retry-After', '1');
    expect(response.status).toHaveBeenCalledWith(503);
    expect(response.json).toHaveBeenCalledWith({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Retry.',
      code: 'unavailable',
    });
  });
});
