import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionUsageTable } from './schema.js';
import { storable } from './text.js';

export type UsageRow = Selectable<SessionUsageTable>;

const CHUNK = 500;

export class UsageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores data points not stored before (same series and interval: the same point). */
  async insert(rows: readonly UsageRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({ ...r, session_id: storable(r.session_id), attrs: storable(r.attrs) }));
      await this.db.insertInto('session_usage').values(chunk).onConflict((oc) => oc.columns(['session_id', 'metric', 'attrs', 'start_ms', 'time_ms']).doNothing()).execute();
    }
  }

  async forSession(sessionId: string): Promise<UsageRow[]> {
    return this.db.selectFrom('session_usage').selectAll().where('session_id', '=', sessionId).execute();
  }
}
