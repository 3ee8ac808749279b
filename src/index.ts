/**
 * `finagent`: the runtime for enterprise financial assistants on LangChain.js — define assistants
 * and tools as data, run them through one governed agent loop (entitlements, audit, idempotency,
 * approvals) with the offline planners or any LangChain chat model, over SQLite or PostgreSQL.
 */
export { createRuntime, Runtime, collectToolCalls, tokenUsage, type ModelProvider, type RuntimeOptions, type ToolRequest, type TurnEvent, type TurnOptions, type TurnRequest } from './runtime/runtime.js';
export { defineAgent, admits, type AgentSpec, type GuardVerdict, type StateContext, type ToolCallRecord } from './runtime/agent-spec.js';
export { defineTool, toolAllowed, type AnyTool, type FinagentTool, type ToolContext } from './runtime/tool.js';
export { FinagentError, OperationError, ProviderError, ToolRefusal, UserInputError } from './runtime/errors.js';
export { AccessDenied, canReadThread, readableOwners, DESK_LEAD_ROLES } from './runtime/access.js';
export { Unauthenticated, authenticate } from './auth/authenticate.js';
export { issueToken, checkToken, hashToken, parseDuration, type IssuedToken } from './auth/tokens.js';
export { jwtVerifier, type JwtVerifier } from './auth/jwt.js';
export { harnessIdentity, isProven, localIdentity, type Identity } from './runtime/identity.js';
export { jsonFileDirectory, loadUsers, requireUser, RoleSchema, staticDirectory, UserSchema, OVERSIGHT_ROLES, type Role, type User, type UserDirectory } from './runtime/users.js';
export { detectLang, turnResults, type Lang, type Planner, type PlannerDecision, type PlannerInput, type PlannedToolCall, type ToolRefusalInfo, type TranscriptEntry } from './runtime/planner.js';
export { OfflineChatModel } from './runtime/offline-model.js';
export { governanceMiddleware, TurnContextSchema, type TurnScope } from './runtime/middleware.js';
export { ConfigSchema, loadConfig, redactConfig, type Config, type ConfigInput } from './runtime/config.js';
export { parseInstant, pinnedClock, systemClock, type Clock } from './runtime/clock.js';
export { TurnResultSchema, ToolCallRecordSchema, type TurnResult } from './runtime/turn-result.js';
export { AuditLog } from './runtime/audit.js';
export { AuditKindSchema, AuditRecordSchema, canonicalJson, chainRecord, verifyChain, type AuditEntry, type AuditKind, type AuditRecord, type VerifyResult } from './runtime/audit-chain.js';
export { openStorage, type OpenStorageOptions } from './storage/open.js';
export { once } from './storage/once.js';
export type {
  ApprovalRecord,
  ApprovalRepository,
  ApprovalStatus,
  AuditRepository,
  IdempotencyRepository,
  KeyValueRepository,
  RfqRepository,
  Storage,
  StorageEngine,
  Stores,
  ThreadInfo,
  ThreadRepository,
  TicketRepository,
  TokenRecord,
  TokenRepository,
  TransactionOptions,
} from './storage/types.js';
export { BUILTIN_AGENT_LOADERS, loadAgents, loadAgentModules } from './agents/registry.js';
