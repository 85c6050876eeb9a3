import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { httpStatusOfDirectoryCode, SipDirectoryException } from './sip-directory.exception';

/** The body of every refusal of the directory API, shaped like the routing API's. */
export interface SipDirectoryErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  field?: string;
}

const STATUS_NAMES = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' } as const;

export function directoryErrorBody(error: SipDirectoryException): SipDirectoryErrorBody {
  const statusCode = httpStatusOfDirectoryCode(error.code);
  const body: SipDirectoryErrorBody = {
    statusCode,
    error: STATUS_NAMES[statusCode],
    message: error.message,
    code: error.code,
  };
  if (error.field !== undefined) body.field = error.field;
  return body;
}

/** Answers every SipDirectoryException thrown by a directory controller. */
@Catch(SipDirectoryException)
export class SipDirectoryExceptionFilter implements ExceptionFilter<SipDirectoryException> {
  catch(error: SipDirectoryException, host: ArgumentsHost): void {
    const body = directoryErrorBody(error);
    host.switchToHttp().getResponse<HttpResponse>().status(body.statusCode).json(body);
  }
}

interface HttpResponse {
  status(code: number): { json(body: unknown): unknown };
}
