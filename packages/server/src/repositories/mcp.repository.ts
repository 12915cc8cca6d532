import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { storable } from './text.js';

export interface McpToolSeen {
  name: string;
  description_hash: string;
}

/** MCP tools as first seen per server, for rug-pull detection. */
export class McpRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** First-seen description hashes of a server's tools. */
  async known(server: string): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('mcp_tools').select(['name', 'description_hash']).where('server', '=', server).execute();
    return new Map(rows.map((r) => [r.name, r.description_hash]));
  }

  /** Tool names of every other server (for shadowing checks). */
  async otherTools(server: string, limit = 5000): Promise<string[]> {
    const rows = await this.db.selectFrom('mcp_tools').select('name').distinct().where('server', '<>', server).limit(limit).execute();
    return rows.map((r) => r.name);
  }

  /**
   * Records the tools: new ones with their hash as first seen; known ones touch last_seen and,
   * if the description changed, changed_ms (the first-seen hash stays: that is what was reviewed).
   */
  async record(server: string, tools: readonly McpToolSeen[], nowMs: number): Promise<void> {
    for (const t of tools) {
      await this.db
        .insertInto('mcp_tools')
        .values({ server: storable(server) ?? '', name: storable(t.name) ?? '', description_hash: t.description_hash, first_seen_ms: nowMs, last_seen_ms: nowMs, changed_ms: null })
        .onConflict((oc) => oc.columns(['server', 'name']).doUpdateSet((eb) => ({
          last_seen_ms: nowMs,
          changed_ms: eb.case().when('mcp_tools.description_hash', '<>', t.description_hash).then(nowMs).else(eb.ref('mcp_tools.changed_ms')).end(),
        })))
        .execute();
    }
  }
}
