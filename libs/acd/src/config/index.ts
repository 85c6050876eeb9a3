export * from './routing-config';
export {
  type AgentDefined,
  type AgentGroupsChanged,
  type AgentRemoved,
  type AgentSkillsChanged,
  type BranchDefined,
  type ConfigChange,
  type ConfigEvent,
  type ConfigEventType,
  type NotReadyReasonDefined,
  type PartnerDefined,
  type QueueDefined,
  type QueueRemoved,
  type SkillDefined,
  type TenantDefined,
  applyConfigEvent,
  applyConfigEvents,
  emptyTenantConfig,
  isTenantDefined,
} from './config-events';
export type {
  AgentInput,
  ChangeAgentGroups,
  ChangeAgentSkills,
  ConfigCommand,
  ConfigCommandType,
  DefineAgent,
  DefineBranch,
  DefineNotReadyReason,
  DefinePartner,
  DefineQueue,
  DefineSkill,
  DefineTenant,
  QueueInput,
  RemoveAgent,
  RemoveQueue,
} from './config-commands';
export { CONFIG_ERROR_CODES, type ConfigError, type ConfigErrorCode } from './config-errors';
export { type ConfigDecision, type ConfigSequenceDecision, decideConfig, decideConfigSequence } from './config-decider';
export { QUEUE_DEFAULTS, queueWithDefaults } from './queue-defaults';
export { DEFAULT_AGENT_CAPACITY, agentWithDefaults } from './agent-defaults';
export { WAIT_PREDICTOR_CHOICES } from './queue-validation';
export { MAX_CAPACITY } from './agent-validation';
export {
  DEMO_AGENT_IDS,
  DEMO_DIDS,
  DEMO_IVR_DID,
  DEMO_PARTNER_ID,
  DEMO_TENANT_ID,
  type DemoDidRoute,
  demoAgentPassword,
  demoTenantCommands,
  demoTenantConfig,
  demoTenantEvents,
} from './demo-tenant';
