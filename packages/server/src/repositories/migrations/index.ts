import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from '../schema.js';

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

const ALL: Record<string, Builder> = {
  '001_initial': m001_initial,
  '002_session_usage': m002_session_usage,
  '003_settings_audit': m003_settings_audit,
  '004_kills': m004_kills,
  '005_console': m005_console,
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
