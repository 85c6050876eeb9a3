/** Why the directory refused a request; each code has one HTTP status (see httpStatusOfDirectoryCode). */
export type SipDirectoryErrorCode =
  // 400: the request itself is wrong; `field` names the offending input
  | 'missing-field'
  | 'invalid-field'
  | 'invalid-id'
  | 'invalid-realm'
  | 'invalid-domain'
  | 'invalid-number'
  | 'invalid-password'
  | 'invalid-uri'
  | 'invalid-address'
  | 'invalid-rule'
  // 404: what the path names does not exist
  | 'unknown-tenant'
  | 'unknown-domain'
  | 'unknown-did'
  | 'unknown-agent'
  | 'unknown-trunk'
  // 409: it clashes with what exists
  | 'domain-taken'
  | 'did-taken'
  | 'username-taken'
  | 'realm-in-use';

export class SipDirectoryException extends Error {
  constructor(
    readonly code: SipDirectoryErrorCode,
    message: string,
    /** Path of the offending input in the request body ("allowedSources[1]") or the path parameter's name. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'SipDirectoryException';
  }
}

export function httpStatusOfDirectoryCode(code: SipDirectoryErrorCode): 400 | 404 | 409 {
  switch (code) {
    case 'missing-field':
    case 'invalid-field':
    case 'invalid-id':
    case 'invalid-realm':
    case 'invalid-domain':
    case 'invalid-number':
    case 'invalid-password':
    case 'invalid-uri':
    case 'invalid-address':
    case 'invalid-rule':
      return 400;
    case 'unknown-tenant':
    case 'unknown-domain':
    case 'unknown-did':
    case 'unknown-agent':
    case 'unknown-trunk':
      return 404;
    case 'domain-taken':
    case 'did-taken':
    case 'username-taken':
    case 'realm-in-use':
      return 409;
    default: {
      const unexpected: never = code;
      throw new Error(`Unknown directory error code ${String(unexpected)}`);
    }
  }
}
