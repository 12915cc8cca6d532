import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from '../schema.js';
import { entryHash } from '../audit.repository.js';

// Versioned migrations, run in name order at start. Never edit one that has shipped: add the next.

type Builder = (dialect: Dialect) => Migration;

const m001_initial: Builder = (dialect) => ({
  async up(db: Kysely<any>) {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    let events = db.schema.createTable('events');
    events =
      dialect === 'postgres'
        ? events.addColumn('ord', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        : events.addColumn('ord', 'integer', (c) => c.primaryKey());
    await events
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('seq', big, (c) => c.notNull().defaultTo(0))
      .addColumn('time_ms', big, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('tool_name', 'text')
      .addColumn('tool_kind', 'text')
      .addColumn('mcp_server', 'text')
      .addColumn('call_id', 'text')
      .addColumn('parent_id', 'text')
      .addColumn('action', 'text')
      .addColumn('ingested_ms', big, (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      // Last, so SQLite reads its overflow pages only when a caller asks for it.
      .addColumn('raw', 'text')
      .execute();
    await db.schema.createIndex('events_session_order').on('events').columns(['session_id', 'time_ms', 'seq', 'ord']).execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client', 'text', (c) => c.notNull())
      .addColumn('capture', 'text', (c) => c.notNull())
      .addColumn('client_version', 'text')
      .addColumn('user_name', 'text')
      .addColumn('device_id', 'text')
      .addColumn('device_hostname', 'text')
      .addColumn('device_os', 'text')
      .addColumn('cwd', 'text')
      .addColumn('model', 'text')
      .addColumn('started_ms', big, (c) => c.notNull())
      .addColumn('last_seen_ms', big, (c) => c.notNull())
      .addColumn('ended_ms', big)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('security', 'text', (c) => c.notNull())
      .addColumn('initial_prompt', 'text')
      .addColumn('prompt_ms', big)
      .addColumn('topic', 'text')
      .addColumn('events', big, (c) => c.notNull())
      .addColumn('tool_calls', big, (c) => c.notNull())
      .addColumn('failures', big, (c) => c.notNull())
      .addColumn('alerts', big, (c) => c.notNull())
      .addColumn('blocks', big, (c) => c.notNull())
      .addColumn('updated_ms', big, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_started').on('sessions').columns(['started_ms desc', 'id desc']).execute();
    for (const col of ['security', 'status', 'client', 'user_name', 'device_id', 'device_hostname', 'topic']) {
      await db.schema.createIndex(`sessions_${col}_started`).on('sessions').columns([col, 'started_ms desc', 'id desc']).execute();
    }

    await db.schema
      .createTable('session_tools')
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('mcp_server', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('calls', big, (c) => c.notNull())
      .addColumn('failures', big, (c) => c.notNull())
      .addPrimaryKeyConstraint('session_tools_pk', ['session_id', 'mcp_server', 'name'])
      .execute();
    await db.schema.createIndex('session_tools_name').on('session_tools').columns(['name', 'session_id']).execute();

    await db.schema
      .createTable('session_mcp')
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('server', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('session_mcp_pk', ['session_id', 'server'])
      .execute();
    await db.schema.createIndex('session_mcp_server').on('session_mcp').columns(['server', 'session_id']).execute();

    await db.schema
      .createTable('tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_ms', big, (c) => c.notNull())
      .addColumn('revoked_ms', big)
      .execute();

    // Full-text search. PostgreSQL indexes in the insert; SQLite's index is a separate database
    // file kept by a background indexer (repositories/search-index.ts).
    // PostgreSQL keeps the tsvector in a narrow table of its own, so resolving matches to
    // sessions reads small tuples, not the wide event rows.
    if (dialect === 'postgres') {
      await db.schema
        .createTable('event_search')
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('search', sql`tsvector`, (c) => c.notNull())
        .execute();
      await sql`create index event_search_gin on event_search using gin (search)`.execute(db);
      await db.schema.createIndex('event_search_session').on('event_search').column('session_id').execute();
    }
  },
});

// OTLP metrics per session. A point's key is its series and interval, so a re-sent export adds nothing.
const m002_session_usage: Builder = (dialect) => ({
  async up(db: Kysely<any>) {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('session_usage')
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('attrs', 'text', (c) => c.notNull())
      .addColumn('start_ms', big, (c) => c.notNull())
      .addColumn('time_ms', big, (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('cumulative', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('session_usage_pk', ['session_id', 'metric', 'attrs', 'start_ms', 'time_ms'])
      .execute();
  },
});

// Settings (JSON per key), the audit log of administrative acts, and MCP tool descriptions as
// first seen (for rug-pull detection).
const m003_settings_audit: Builder = (dialect) => ({
  async up(db: Kysely<any>) {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_ms', big, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    let audit = db.schema.createTable('audit_log');
    audit =
      dialect === 'postgres'
        ? audit.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        : audit.addColumn('id', 'integer', (c) => c.primaryKey());
    await audit
      .addColumn('time_ms', big, (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('resource', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_time').on('audit_log').columns(['time_ms', 'id']).execute();
    await db.schema
      .createTable('mcp_tools')
      .addColumn('server', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description_hash', 'text', (c) => c.notNull())
      .addColumn('first_seen_ms', big, (c) => c.notNull())
      .addColumn('last_seen_ms', big, (c) => c.notNull())
      .addColumn('changed_ms', big)
      .addPrimaryKeyConstraint('mcp_tools_pk', ['server', 'name'])
      .execute();
  },
});

// Kill switches: a session, a user's sessions or everything, denied from the next tool call on.
const m004_kills: Builder = (dialect) => ({
  async up(db: Kysely<any>) {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('kills')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('created_ms', big, (c) => c.notNull())
      .addColumn('lifted_ms', big)
      .addColumn('lifted_by', 'text')
      .execute();
    await db.schema.createIndex('kills_active').on('kills').columns(['lifted_ms', 'scope']).execute();
  },
});

// The console: sign-in sessions (the cookie's value stored hashed), an index for
// "sessions with a block/alert" filters and analytics, and sorting by last activity.
const m005_console: Builder = (dialect) => ({
  async up(db: Kysely<any>) {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('web_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('token_id', 'text', (c) => c.notNull())
      .addColumn('created_ms', big, (c) => c.notNull())
      .addColumn('expires_ms', big, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('web_sessions_expires').on('web_sessions').column('expires_ms').execute();
    await db.schema.createIndex('events_action').on('events').columns(['action', 'session_id']).where(sql.ref('action'), 'is not', null).execute();
    await db.schema.createIndex('sessions_last_seen').on('sessions').columns(['last_seen_ms desc', 'id desc']).execute();
  },
});

// The audit log becomes a hash chain. Entries written before are chained here, in id order, so
// the whole log verifies from its first entry (audit.repository.ts entryHash).
const m006_audit_chain: Builder = () => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('audit_log').addColumn('hash', 'text', (c) => c.notNull().defaultTo('')).execute();
    let prev = '';
    let after = 0;
    for (;;) {
      const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(1000).execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        const hash = entryHash({ time_ms: Number(r.time_ms), actor: r.actor, action: r.action, resource: r.resource, details: r.details, prev_hash: prev });
        await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('id', '=', r.id).execute();
        prev = hash;
        after = Number(r.id);
      }
    }
  },
});

// Accounts: people with a role, signing in with a password (scrypt) or single sign-on; tokens and
// console sessions may belong to one (a device's token is bound to its user and device).
const m007_accounts: Builder = (dialect) => ({
  async up(db: Kysely<any>) {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('oidc_issuer', 'text')
      .addColumn('oidc_subject', 'text')
      .addColumn('can_reveal', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until_ms', big)
      .addColumn('created_ms', big, (c) => c.notNull())
      .addColumn('disabled_ms', big)
      .execute();
    await db.schema.createIndex('users_oidc').on('users').columns(['oidc_issuer', 'oidc_subject']).unique().execute();
    for (const col of ['user_id', 'device_id', 'device_hostname', 'device_os']) await db.schema.alterTable('tokens').addColumn(col, 'text').execute();
    await db.schema.alterTable('web_sessions').addColumn('user_id', 'text').execute();
    // A reader's reveal of one session's redacted content, with the reason they gave, for a time.
    await db.schema
      .createTable('reveals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('reader', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_ms', big, (c) => c.notNull())
      .addColumn('expires_ms', big, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reveals_reader').on('reveals').columns(['reader', 'session_id', 'expires_ms']).execute();
  },
});

// Device enrolment: OAuth 2.0 device authorization grant codes (RFC 8628; the device code is
// stored as SHA-256 only) and organisation enrolment keys for roll-outs without a person.
const m008_device_flow: Builder = (dialect) => ({
  async up(db: Kysely<any>) {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('device_codes')
      .addColumn('device_code_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_code', 'text', (c) => c.notNull().unique())
      .addColumn('client_id', 'text')
      .addColumn('hostname', 'text', (c) => c.notNull())
      .addColumn('os', 'text')
      .addColumn('device_id', 'text')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('created_ms', big, (c) => c.notNull())
      .addColumn('expires_ms', big, (c) => c.notNull())
      .addColumn('interval_s', 'integer', (c) => c.notNull())
      .addColumn('last_poll_ms', big)
      .addColumn('approved_by_user_id', 'text')
      .addColumn('denied', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('token_id', 'text')
      .execute();
    await db.schema.createIndex('device_codes_expires').on('device_codes').column('expires_ms').execute();
    await db.schema
      .createTable('enrolment_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('created_ms', big, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('revoked_ms', big)
      .execute();
  },
});

// The audit log's client (the agent client a decision was about), so the log filters by client.
// Not part of an entry's hash: it repeats details.client, which is.
const m009_audit_client: Builder = () => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable('audit_log').addColumn('client', 'text').execute();
    await db.schema.createIndex('audit_log_client').on('audit_log').columns(['client', 'id']).execute();
  },
});

// Signed webhook deliveries already received (Hermes Agent), so a replay is refused across
// restarts and server instances; rows go once the delivery's freshness window has passed.
const m010_webhook_deliveries: Builder = (dialect) => ({
  async up(db: Kysely<any>) {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('expires_ms', big, (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_deliveries_pk', ['source', 'delivery_id'])
      .execute();
    await db.schema.createIndex('webhook_deliveries_expiry').on('webhook_deliveries').column('expires_ms').execute();
  },
});

const ALL: Record<string, Builder> = {
  '001_initial': m001_initial,
  '002_session_usage': m002_session_usage,
  '003_settings_audit': m003_settings_audit,
  '004_kills': m004_kills,
  '005_console': m005_console,
  '006_audit_chain': m006_audit_chain,
  '007_accounts': m007_accounts,
  '008_device_flow': m008_device_flow,
  '009_audit_client': m009_audit_client,
  '010_webhook_deliveries': m010_webhook_deliveries,
};

export function migrations(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, build] of Object.entries(ALL)) out[name] = build(dialect);
      return out;
    },
  };
}
