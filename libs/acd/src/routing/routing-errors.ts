/** Why a routing command was refused. The state is unchanged when a command is refused. */
export type RoutingErrorCode =
  | 'unknown-agent'
  | 'agent-of-other-branch'
  | 'agent-not-logged-in'
  | 'unknown-queue'
  | 'unknown-skill'
  | 'unknown-reason'
  | 'unknown-interaction'
  | 'duplicate-interaction'
  | 'channel-mismatch'
  | 'invalid-transition'
  | 'no-such-offer'
  | 'no-callback-address'
  | 'wrong-tenant'
  | 'config-version-gap'
  | 'not-a-remote-domain';

export interface RoutingError {
  code: RoutingErrorCode;
  message: string;
}

export function routingError(code: RoutingErrorCode, message: string): RoutingError {
  return { code, message };
}
