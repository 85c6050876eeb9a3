/**
 * Why a configuration command was refused. The REST facade maps `code` to an HTTP status (400 for invalid input,
 * 404 for unknown references it chooses to treat so, 409 for conflicts) and answers with `message` and `field`.
 */

export const CONFIG_ERROR_CODES = [
  /** The command's `type` is not a configuration command. */
  'unknown-command',
  /** The command names another tenant than the configuration it is decided against. */
  'tenant-mismatch',
  /** Only DefineTenant is accepted before the tenant itself is defined. */
  'tenant-not-defined',
  /** `expectedVersion` differs from the configuration's version (someone changed it meanwhile). */
  'version-conflict',
  /** A value has the wrong JSON shape (an object or list expected, or missing). */
  'invalid-shape',
  'invalid-actor',
  'invalid-time',
  'invalid-id',
  'invalid-name',
  'invalid-currency',
  'invalid-time-zone',
  'invalid-trunk-uri',
  'invalid-language',
  'invalid-group',
  'invalid-channel',
  'invalid-strategy',
  'invalid-wait-predictor',
  'invalid-level',
  'invalid-priority',
  'invalid-number',
  'invalid-duration',
  'invalid-percent',
  'invalid-capacity',
  'invalid-overflow',
  'duplicate-value',
  'expansion-out-of-order',
  'unknown-branch',
  'unknown-skill',
  'unknown-partner',
  'unknown-queue',
  'unknown-agent',
  /** A 'branches' overflow names the queue's own branch. */
  'overflow-to-own-branch',
  /** A 'queue' overflow names the queue itself. */
  'overflow-to-itself',
  /** A 'queue' overflow names a queue of another branch (use a 'branches' overflow for that). */
  'overflow-to-other-branch',
  /** A 'queue' overflow joins queues of different channels. */
  'overflow-channel-mismatch',
  /** 'queue' overflows would send an interaction round in a circle. */
  'overflow-cycle',
  /** The queue is still the target of another queue's overflow. */
  'queue-referenced',
  /** A queue stays in the branch (routing domain) it was defined in. */
  'queue-branch-changed',
] as const;

export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[number];

export interface ConfigError {
  code: ConfigErrorCode;
  /** What is wrong and how to put it right, in words a supervisor understands. */
  message: string;
  /**
   * JSON path of the offending value, relative to the command's payload (the tenant fields, or the branch, skill,
   * partner, reason, queue or agent being defined), e.g. "requiredSkills[1].skillId" or "skills.sales".
   */
  field?: string;
}

export function configError(code: ConfigErrorCode, message: string, field?: string): ConfigError {
  return field === undefined ? { code, message } : { code, message, field };
}
