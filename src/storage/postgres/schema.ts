/**
 * PostgreSQL schema, versioned in `finagent_migrations(version, name, applied_at)`. The layout
 * mirrors the SQLite engine's tables and column names (a copy between engines is column for column);
 * the types are PostgreSQL's own: jsonb for JSON, timestamptz for instants, double precision for
 * SQLite's REAL, bigint sequences. The audit `ts` stays text: it is hashed as written.
 */

export interface Migration {
  version: number;
  name: string;
  /** DDL with `{{s}}` for the quoted schema name. */
  sql: string;
}

const V1 = `
CREATE TABLE {{s}}.rfqs (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  thread text NOT NULL,
  client text NOT NULL,
  trader text NOT NULL,
  instrument jsonb NOT NULL,
  side text,
  notional double precision NOT NULL,
  currency text NOT NULL,
  settle text,
  status text NOT NULL,
  quote jsonb,
  negotiation jsonb NOT NULL DEFAULT '[]',
  parent_id text,
  reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX rfqs_thread ON {{s}}.rfqs (thread, seq);

CREATE TABLE {{s}}.rfq_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rfq_id text NOT NULL REFERENCES {{s}}.rfqs (id),
  event text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  detail jsonb
);
CREATE INDEX rfq_events_rfq ON {{s}}.rfq_events (rfq_id, id);

CREATE TABLE {{s}}.tickets (
  trade_id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  rfq_id text NOT NULL UNIQUE REFERENCES {{s}}.rfqs (id),
  client text NOT NULL,
  trader text NOT NULL,
  instrument jsonb NOT NULL,
  side text NOT NULL,
  notional double precision NOT NULL,
  currency text NOT NULL,
  level double precision NOT NULL,
  level_type text NOT NULL,
  clean double precision,
  accrued double precision,
  full_price double precision,
  settlement_amount double precision,
  trade_date text NOT NULL,
  settle_date text,
  status text NOT NULL,
  approver text,
  approved_at timestamptz,
  created_at timestamptz NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX tickets_trade_date ON {{s}}.tickets (trade_date);

CREATE TABLE {{s}}.dealing_idempotency (
  key text PRIMARY KEY,
  tool text NOT NULL,
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE {{s}}.audit (
  id bigint PRIMARY KEY,
  ts text NOT NULL,
  "user" text NOT NULL,
  role text NOT NULL,
  agent text NOT NULL,
  thread text NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_thread ON {{s}}.audit (thread, id);
-- Append-only, as in SQLite: the application cannot rewrite history even by mistake. (A DBA can
-- drop the trigger; the hash chain and signed checkpoints catch that.)
CREATE FUNCTION {{s}}.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only' USING ERRCODE = 'raise_exception';
END
$$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON {{s}}.audit
  FOR EACH ROW EXECUTE FUNCTION {{s}}.audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {{s}}.audit
  FOR EACH STATEMENT EXECUTE FUNCTION {{s}}.audit_append_only();

CREATE TABLE {{s}}.threads (
  id text PRIMARY KEY,
  agent text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX threads_owner ON {{s}}.threads (created_by, updated_at);

CREATE TABLE {{s}}.api_tokens (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  hash text NOT NULL UNIQUE,
  label text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON {{s}}.api_tokens (user_id, created_at);

CREATE TABLE {{s}}.approvals (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  rfq_id text NOT NULL,
  thread text NOT NULL,
  requested_by text NOT NULL,
  desk text,
  economics jsonb NOT NULL,
  economics_hash text NOT NULL,
  quote_version integer NOT NULL,
  status text NOT NULL,
  requested_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  reason text
);
CREATE INDEX approvals_rfq ON {{s}}.approvals (rfq_id, seq);
CREATE INDEX approvals_status ON {{s}}.approvals (status, desk);

CREATE TABLE {{s}}.kv (
  namespace text NOT NULL,
  key text NOT NULL,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (namespace, key)
);
`;

/** In order; a version, once released, never changes (add a new one instead). */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'dealing, audit, threads, tokens, approvals, key-value', sql: V1 }];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function migrationSql(m: Migration, schema: string): string {
  return m.sql.replaceAll('{{s}}', `"${schema}"`);
}
