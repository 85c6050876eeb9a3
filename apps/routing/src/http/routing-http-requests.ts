/**
 * REST requests -> the arguments of RoutingGateway: path ids, the If-Match / X-Actor / Idempotency-Key headers and
 * the JSON bodies (the engine's shapes, see routing-http-shapes.ts). Pure: the time of a change comes in as `at`.
 * Every refusal is a RoutingApiError (invalid argument) naming the body's field, e.g. "serviceLevel.thresholdMs".
 */
import {
  type ChangeAgentGroups,
  type ChangeAgentSkills,
  type ConfigCommand,
  type DefineAgent,
  type DefineBranch,
  type DefineNotReadyReason,
  type DefinePartner,
  type DefineQueue,
  type DefineSkill,
  type DefineTenant,
  type EpochMs,
  type InteractionRequest,
  type RemoveAgent,
  type RemoveQueue,
} from '@cc/acd';
import { RoutingApiError } from '../api/routing-api-error';
import { type CommandOrigin } from '../api/routing-gateway';
import { checkBody } from './routing-http-shapes';

/** Who makes a change when the request does not say (X-Actor). */
export const DEFAULT_ACTOR = 'supervisor:console';

/** The headers every command request may carry. */
export interface CommandHeaders {
  /** X-Actor: "supervisor:<id>", "agent:<id>"... */
  actor?: string;
  /** Idempotency-Key: the command id; a retry with the same key acts once. */
  idempotencyKey?: string;
}

/** ...and a configuration change: If-Match: "<version>" for optimistic concurrency. */
export interface ConfigHeaders extends CommandHeaders {
  ifMatch?: string;
}

/** A configuration change ready for RoutingGateway.changeConfig(command, origin). */
export interface ConfigWrite<C extends ConfigCommand> {
  command: C;
  origin: { commandId?: string };
}

type ChangeOf<C extends ConfigCommand> = Omit<C, 'tenantId' | 'at' | 'actor' | 'expectedVersion'>;

/** The routing headers of a request (Node's lower-cased header names; a repeated header counts once). */
export function routingHeadersOf(headers: Readonly<Record<string, string | string[] | undefined>>): ConfigHeaders {
  const first = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { actor: first('x-actor'), idempotencyKey: first('idempotency-key'), ifMatch: first('if-match') };
}

export function actorOf(header: string | undefined): string {
  const actor = header?.trim();
  return actor ? actor : DEFAULT_ACTOR;
}

export function commandIdOf(header: string | undefined): string | undefined {
  const key = header?.trim();
  return key ? key : undefined;
}

/** The origin of an agent or interaction command. */
export function commandOrigin(headers: CommandHeaders): CommandOrigin {
  const commandId = commandIdOf(headers.idempotencyKey);
  const origin: CommandOrigin = { actor: actorOf(headers.actor) };
  if (commandId !== undefined) origin.commandId = commandId;
  return origin;
}

/**
 * The configuration version the caller last saw: If-Match `"12"` (also `W/"12"` or `12`; `*` = no check) or the
 * body's expectedVersion. Both may be given only if they agree.
 */
export function expectedVersionOf(ifMatch: string | undefined, bodyVersion: unknown): number | undefined {
  const fromHeader = versionOfIfMatch(ifMatch);
  if (bodyVersion === undefined || bodyVersion === null) return fromHeader;
  if (typeof bodyVersion !== 'number' || !Number.isSafeInteger(bodyVersion) || bodyVersion < 0) {
    throw new RoutingApiError(
      'invalid-number',
      `expectedVersion must be a configuration version (a whole number, 0 or more), got ${JSON.stringify(bodyVersion)}.`,
      'expectedVersion',
    );
  }
  if (fromHeader !== undefined && fromHeader !== bodyVersion) {
    throw new RoutingApiError(
      'invalid-number',
      `If-Match names version ${fromHeader} but the body's expectedVersion is ${bodyVersion}; send one of them.`,
      'expectedVersion',
    );
  }
  return bodyVersion;
}

function versionOfIfMatch(ifMatch: string | undefined): number | undefined {
  const value = ifMatch?.trim();
  if (!value || value === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value);
  if (match === null) {
    throw new RoutingApiError(
      'invalid-number',
      `If-Match must be the configuration version you last read, e.g. "12" (the ETag of GET config), got ${value}.`,
      'If-Match',
    );
  }
  return Number(match[1]);
}

/** An ETag for a configuration version, as If-Match takes it back. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

// Configuration changes -------------------------------------------------------------------------------------------

/** The body without its expectedVersion (which is no part of the definition). */
function splitBody(body: unknown): { definition: unknown; bodyVersion: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { definition: body, bodyVersion: undefined };
  const { expectedVersion, ...definition } = body as Record<string, unknown>;
  return { definition, bodyVersion: expectedVersion };
}

/** The id in the path fills in the body's, or must equal it. */
function withPathId(definition: unknown, key: string, pathId: string, what: string): unknown {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return definition;
  const record = definition as Record<string, unknown>;
  const given = record[key];
  if (given === undefined || given === null) return { ...record, [key]: pathId };
  if (typeof given === 'string' && given !== pathId) {
    throw new RoutingApiError(
      'invalid-id',
      `The path names ${what} "${pathId}" but the body's ${key} is "${given}"; they must be the same.`,
      key,
    );
  }
  return record;
}

function configWrite<C extends ConfigCommand>(
  tenantId: string,
  headers: ConfigHeaders,
  bodyVersion: unknown,
  change: ChangeOf<C>,
  at: EpochMs,
): ConfigWrite<C> {
  const expectedVersion = expectedVersionOf(headers.ifMatch, bodyVersion);
  const command = {
    ...change,
    tenantId,
    at,
    actor: actorOf(headers.actor),
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  } as C;
  const commandId = commandIdOf(headers.idempotencyKey);
  return { command, origin: commandId === undefined ? {} : { commandId } };
}

export function defineTenantWrite(
  tenantId: string,
  body: unknown,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<DefineTenant> {
  const { definition, bodyVersion } = splitBody(body);
  const { name, currency } = checkBody('tenant', definition);
  return configWrite<DefineTenant>(tenantId, headers, bodyVersion, { type: 'DefineTenant', name, currency }, at);
}

export function defineBranchWrite(
  tenantId: string,
  branchId: string,
  body: unknown,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<DefineBranch> {
  const { definition, bodyVersion } = splitBody(body);
  const branch = checkBody('branch', withPathId(definition, 'branchId', branchId, 'branch'));
  return configWrite<DefineBranch>(tenantId, headers, bodyVersion, { type: 'DefineBranch', branch }, at);
}

export function defineSkillWrite(
  tenantId: string,
  skillId: string,
  body: unknown,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<DefineSkill> {
  const { definition, bodyVersion } = splitBody(body);
  const skill = checkBody('skill', withPathId(definition, 'skillId', skillId, 'skill'));
  return configWrite<DefineSkill>(tenantId, headers, bodyVersion, { type: 'DefineSkill', skill }, at);
}

export function definePartnerWrite(
  tenantId: string,
  partnerId: string,
  body: unknown,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<DefinePartner> {
  const { definition, bodyVersion } = splitBody(body);
  const partner = checkBody('partner', withPathId(definition, 'partnerId', partnerId, 'partner'));
  return configWrite<DefinePartner>(tenantId, headers, bodyVersion, { type: 'DefinePartner', partner }, at);
}

export function defineNotReadyReasonWrite(
  tenantId: string,
  code: string,
  body: unknown,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<DefineNotReadyReason> {
  const { definition, bodyVersion } = splitBody(body);
  const reason = checkBody('reason', withPathId(definition, 'code', code, 'not-ready reason'));
  return configWrite<DefineNotReadyReason>(
    tenantId,
    headers,
    bodyVersion,
    { type: 'DefineNotReadyReason', reason },
    at,
  );
}

export function defineQueueWrite(
  tenantId: string,
  queueId: string,
  body: unknown,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<DefineQueue> {
  const { definition, bodyVersion } = splitBody(body);
  const queue = checkBody('queue', withPathId(definition, 'queueId', queueId, 'queue'));
  return configWrite<DefineQueue>(tenantId, headers, bodyVersion, { type: 'DefineQueue', queue }, at);
}

export function defineAgentWrite(
  tenantId: string,
  agentId: string,
  body: unknown,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<DefineAgent> {
  const { definition, bodyVersion } = splitBody(body);
  const agent = checkBody('agent', withPathId(definition, 'agentId', agentId, 'agent'));
  return configWrite<DefineAgent>(tenantId, headers, bodyVersion, { type: 'DefineAgent', agent }, at);
}

/** DELETE has no body: the expected version comes from If-Match only. */
export function removeQueueWrite(
  tenantId: string,
  queueId: string,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<RemoveQueue> {
  return configWrite<RemoveQueue>(tenantId, headers, undefined, { type: 'RemoveQueue', queueId }, at);
}

export function removeAgentWrite(
  tenantId: string,
  agentId: string,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<RemoveAgent> {
  return configWrite<RemoveAgent>(tenantId, headers, undefined, { type: 'RemoveAgent', agentId }, at);
}

/** Body: {"skills": {"<skillId>": level}, "expectedVersion"?: n}. */
export function changeAgentSkillsWrite(
  tenantId: string,
  agentId: string,
  body: unknown,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<ChangeAgentSkills> {
  const { definition, bodyVersion } = splitBody(body);
  const { skills } = checkBody('agentSkills', definition);
  return configWrite<ChangeAgentSkills>(
    tenantId,
    headers,
    bodyVersion,
    { type: 'ChangeAgentSkills', agentId, skills },
    at,
  );
}

/** Body: {"groups": ["team-a"], "expectedVersion"?: n}. */
export function changeAgentGroupsWrite(
  tenantId: string,
  agentId: string,
  body: unknown,
  headers: ConfigHeaders,
  at: EpochMs,
): ConfigWrite<ChangeAgentGroups> {
  const { definition, bodyVersion } = splitBody(body);
  const { groups } = checkBody('agentGroups', definition);
  return configWrite<ChangeAgentGroups>(
    tenantId,
    headers,
    bodyVersion,
    { type: 'ChangeAgentGroups', agentId, groups },
    at,
  );
}

// Interactions ----------------------------------------------------------------------------------------------------

/** The interaction to queue; channel and kind default to voice and inbound. */
export function interactionOf(body: unknown): InteractionRequest {
  const interaction = checkBody('interaction', body);
  return { ...interaction, channel: interaction.channel ?? 'voice', kind: interaction.kind ?? 'inbound' };
}
