/**
 * Thrown by a handler when retrying cannot help (the event is invalid for this consumer, a referenced entity will
 * never exist...). The bus sends the event to the topic's dead-letter topic and goes on with the next one.
 * Any other error is treated as transient and retried with backoff.
 */
export class NonRetryableError extends Error {
  constructor(
    message: string,
    readonly reason = 'rejected-by-handler',
  ) {
    super(message);
    this.name = 'NonRetryableError';
  }
}

export function isNonRetryable(error: unknown): error is NonRetryableError {
  return error instanceof NonRetryableError;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
