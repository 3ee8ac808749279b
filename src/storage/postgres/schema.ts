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

/**
 * Knowledge stores (src/knowledge/pg-store.ts), keyed by store name. The lexical views keep the
 * app-side tokens (jieba words, CJK bigrams) as a tsvector built from the token list itself (no text
 * search configuration, no server extension), GIN-indexed for matching, next to each row's term
 * frequencies and length, from which BM25 is computed exactly as SQLite FTS5 computes it.
 */
const V2 = `
CREATE TABLE {{s}}.kn_stores (
  name text PRIMARY KEY,
  created_at timestamptz NOT NULL
);

CREATE TABLE {{s}}.kn_meta (
  store text NOT NULL REFERENCES {{s}}.kn_stores (name) ON DELETE CASCADE,
  key text NOT NULL,
  value text NOT NULL,
  PRIMARY KEY (store, key)
);

CREATE TABLE {{s}}.kn_documents (
  store text NOT NULL REFERENCES {{s}}.kn_stores (name) ON DELETE CASCADE,
  id integer NOT NULL,
  source text NOT NULL,
  title text NOT NULL,
  effective text,
  language text NOT NULL,
  hash text NOT NULL,
  ingested_at timestamptz NOT NULL,
  PRIMARY KEY (store, id),
  UNIQUE (store, source)
);

CREATE TABLE {{s}}.kn_chunks (
  store text NOT NULL,
  id integer NOT NULL,
  doc_id integer NOT NULL,
  ord integer NOT NULL,
  article integer,
  article_label text,
  part integer NOT NULL,
  parts integer NOT NULL,
  label text NOT NULL,
  path text NOT NULL,
  text text NOT NULL,
  hash text NOT NULL,
  vector bytea,
  PRIMARY KEY (store, id),
  FOREIGN KEY (store, doc_id) REFERENCES {{s}}.kn_documents (store, id) ON DELETE CASCADE
);
CREATE INDEX kn_chunks_doc ON {{s}}.kn_chunks (store, doc_id);

CREATE TABLE {{s}}.kn_lexical (
  store text NOT NULL REFERENCES {{s}}.kn_stores (name) ON DELETE CASCADE,
  view text NOT NULL CHECK (view IN ('words', 'grams', 'sections')),
  id integer NOT NULL,
  terms tsvector NOT NULL,
  tf jsonb NOT NULL,
  len integer NOT NULL,
  PRIMARY KEY (store, view, id)
);
CREATE INDEX kn_lexical_terms ON {{s}}.kn_lexical USING gin (terms);

CREATE TABLE {{s}}.kn_chunk_sections (
  store text NOT NULL REFERENCES {{s}}.kn_stores (name) ON DELETE CASCADE,
  chunk_id integer NOT NULL,
  section integer NOT NULL,
  PRIMARY KEY (store, chunk_id)
);

CREATE TABLE {{s}}.kn_blobs (
  store text NOT NULL REFERENCES {{s}}.kn_stores (name) ON DELETE CASCADE,
  key text NOT NULL,
  value bytea NOT NULL,
  PRIMARY KEY (store, key)
);
`;

/** In order; a version, once released, never changes (add a new one instead). */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'dealing, audit, threads, tokens, approvals, key-value', sql: V1 },
  { version: 2, name: 'knowledge stores', sql: V2 },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function migrationSql(m: Migration, schema: string): string {
  return m.sql.replaceAll('{{s}}', `"${schema}"`);
}
