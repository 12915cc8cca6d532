// SQLite full-text search lives in its own database file (search.db beside vigil.db), attached
// to each connection as `search`. It is derived data: a background indexer (search.worker.ts,
// on its own thread and connection) tokenises committed events there, so ingest never waits for
// FTS5, and the index has its own write lock. Deleting search.db rebuilds it from the events.
import type SQLite from 'better-sqlite3';
import { searchText, type VigilEvent } from '@vigil/core';

export function attachSearch(sqlite: SQLite.Database, searchPath: string): void {
  sqlite.prepare('attach database ? as search').run(searchPath);
  sqlite.pragma('search.journal_mode = WAL');
  sqlite.pragma('search.synchronous = NORMAL');
  sqlite.exec(`
    create virtual table if not exists search.events_fts using fts5(
      content, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2');
    create table if not exists search.progress (id integer primary key check (id = 1), last_ord integer not null);
    insert or ignore into search.progress (id, last_ord) values (1, 0);
  `);
}

export interface SearchStatus {
  /** Highest event ord in the index. */
  indexed_through: number;
  /** Events committed but not yet searchable. */
  lag: number;
}

/** Statements of one connection that sees both `main` (events) and `search`. */
export class SqliteSearchIndex {
  private readonly pending: SQLite.Statement<[number, number], { ord: number; body: string }>;
  private readonly insert: SQLite.Statement<[number, string]>;
  private readonly progress: SQLite.Statement<[], { last_ord: number }>;
  private readonly advance: SQLite.Statement<[number]>;
  private readonly newest: SQLite.Statement<[], { ord: number | null }>;
  private readonly batch: (max: number) => number;
  private readonly remove: (ords: readonly number[]) => void;

  constructor(sqlite: SQLite.Database) {
    this.pending = sqlite.prepare('select ord, body from main.events where ord > ? order by ord limit ?');
    this.insert = sqlite.prepare('insert into search.events_fts (rowid, content) values (?, ?)');
    this.progress = sqlite.prepare('select last_ord from search.progress where id = 1');
    this.advance = sqlite.prepare('update search.progress set last_ord = ? where id = 1');
    this.newest = sqlite.prepare('select max(ord) as ord from main.events');
    // One transaction per batch: it writes only to `search`, so it never holds main's lock.
    this.batch = sqlite.transaction((max: number) => {
      const from = this.progress.get()!.last_ord;
      const rows = this.pending.all(from, max);
      for (const r of rows) {
        const text = searchText(JSON.parse(r.body) as VigilEvent);
        if (text) this.insert.run(r.ord, text.includes('\0') ? text.replaceAll('\0', '') : text);
      }
      if (rows.length > 0) this.advance.run(rows[rows.length - 1]!.ord);
      return rows.length;
    });
    // contentless_delete=1 lets rows go by rowid; an ord never indexed (no text) is a no-op.
    const del = sqlite.prepare<[number]>('delete from search.events_fts where rowid = ?');
    this.remove = sqlite.transaction((ords: readonly number[]) => {
      for (const o of ords) del.run(o);
    });
  }

  /** Drops the index rows of deleted events (retention), so their words leave search.db too. */
  forget(ords: readonly number[]): void {
    if (ords.length > 0) this.remove(ords);
  }

  /**
   * An index ahead of the store belongs to another store (vigil.db was replaced and search.db
   * kept): empty it, so every event is indexed again. Returns whether it did.
   */
  resetIfAhead(sqlite: SQLite.Database): boolean {
    const { indexed_through } = this.status();
    const newest = this.newest.get()!.ord ?? 0;
    if (indexed_through <= newest) return false;
    sqlite.exec(`insert into search.events_fts (events_fts) values ('delete-all'); update search.progress set last_ord = 0 where id = 1;`);
    return true;
  }

  /** Indexes up to `max` committed events; returns how many it indexed. */
  indexPending(max: number): number {
    return this.batch(max);
  }

  status(): SearchStatus {
    const indexed = this.progress.get()!.last_ord;
    const newest = this.newest.get()!.ord ?? 0;
    return { indexed_through: indexed, lag: Math.max(0, newest - indexed) };
  }
}
