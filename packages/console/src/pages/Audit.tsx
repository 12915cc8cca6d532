import { useEffect, useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import type { AuditEntry, AuditPage as Page } from '../api/types';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorBox, Loading } from '../components/ErrorBox';
import { JsonText } from '../components/JsonText';
import { Time } from '../components/Time';
import { dayOf, dayToMs } from '../format';
import { useApi, useReadyFlag } from '../hooks/useApi';
import { href, Link, navigate, useRoute } from '../router';

const KEYS = ['action', 'actor', 'resource', 'from', 'to'] as const;
type Key = (typeof KEYS)[number];
type Filters = Record<Key, string>;
const LIMIT = 100;

const filtersOf = (q: URLSearchParams): Filters => Object.fromEntries(KEYS.map((k) => [k, q.get(k) ?? ''])) as Filters;

/** The audit API takes epoch ms; the URL keeps the date inputs' days. */
const apiQuery = (f: Filters) => ({ ...f, from: f.from ? dayToMs(f.from, false) : '', to: f.to ? dayToMs(f.to, true) : '', limit: LIMIT });

export function AuditPage() {
  const route = useRoute();
  const filters = filtersOf(route.query);
  const key = JSON.stringify(filters);
  const first = useApi((signal) => api.get<Page>('/v1/audit', apiQuery(filters), signal), key);
  // Older pages belong to one filter set: kept with its key so a new filter never shows them.
  const [olderState, setOlder] = useState<{ key: string; page: Page } | null>(null);
  const older = olderState?.key === key ? olderState.page : null;
  const [olderError, setOlderError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  useEffect(() => setOlderError(null), [key]);
  useReadyFlag('audit', !first.loading && (first.data !== null || first.error !== null));

  const entries: AuditEntry[] = [...(first.data?.entries ?? []), ...(older?.entries ?? [])];
  const next = older ? older.next : (first.data?.next ?? null);

  const loadOlder = () => {
    if (next === null) return;
    setLoadingOlder(true);
    setOlderError(null);
    api.get<Page>('/v1/audit', { ...apiQuery(filters), before: next }).then(
      (p) => {
        setOlder({ key, page: { entries: [...(older?.entries ?? []), ...p.entries], next: p.next } });
        setLoadingOlder(false);
      },
      (err: unknown) => {
        setOlderError(messageOf(err));
        setLoadingOlder(false);
      },
    );
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Audit log</h1>
        <span className="muted">Every change and every blocking decision, newest first.</span>
      </div>
      <AuditFilters filters={filters} onApply={(f) => navigate(href('/audit', f))} />
      <ErrorBox error={first.error} />
      {!first.data && first.loading ? <Loading what="Loading the audit log" /> : null}
      {first.data ? (
        <div className={`table-wrap${first.loading ? ' is-loading' : ''}`}>
          <DataTable className="table audit" testId="audit-table" rows={entries} rowKey={(e) => e.id} rowData={(e) => ({ 'data-testid': 'audit-row', 'data-audit-id': e.id })} columns={COLUMNS} />
          {entries.length === 0 ? (
            <div className="empty" data-testid="audit-empty">
              No audit entries match.
            </div>
          ) : null}
        </div>
      ) : null}
      {olderError ? <div className="error-box">{olderError}</div> : null}
      {first.data ? (
        <div className="pager">
          <button type="button" className="button" data-testid="audit-next" disabled={next === null || loadingOlder} onClick={loadOlder}>
            {loadingOlder ? 'Loading…' : next === null ? 'No older entries' : 'Older entries'}
          </button>
        </div>
      ) : null}
    </div>
  );
}

const COLUMNS: Column<AuditEntry>[] = [
  { head: 'Time', cellClass: 'nowrap', cell: (e) => <Time value={e.time_ms} /> },
  { head: 'Actor', cellClass: 'break', cell: (e) => e.actor },
  {
    head: 'Action',
    cellClass: 'nowrap',
    cell: (e) => <span className={`action${e.action.includes('block') || e.action.startsWith('kill') ? ' text-red' : ''}`}>{e.action}</span>,
  },
  { head: 'Resource', cellClass: 'break mono', cell: (e) => <Resource value={e.resource} /> },
  { head: 'Details', className: 'details-col', cell: (e) => <JsonText value={e.details} testId="audit-details" lines={10} /> },
];

/** Sessions named in the log link to their view; everything else is plain text. */
function Resource({ value }: { value: string }) {
  const m = /^sessions\/(.+)$/.exec(value);
  if (m) return <Link to={`/sessions/${encodeURIComponent(m[1]!)}`}>{value}</Link>;
  return <>{value}</>;
}

function AuditFilters({ filters, onApply }: { filters: Filters; onApply: (f: Filters) => void }) {
  const [draft, setDraft] = useState(filters);
  const urlKey = JSON.stringify(filters);
  useEffect(() => setDraft(JSON.parse(urlKey) as Filters), [urlKey]);
  const set = (k: Key) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, action: draft.action.trim(), actor: draft.actor.trim(), resource: draft.resource.trim() });
  };
  return (
    <form className="filters" onSubmit={submit} role="search">
      <label className="field">
        <span>Action</span>
        <input type="search" data-testid="audit-action" value={draft.action} onChange={set('action')} placeholder="decision.block" list="audit-actions" />
      </label>
      <datalist id="audit-actions">
        {['decision.block', 'settings.update', 'kill.create', 'kill.lift', 'inventory.review', 'mcp.catalogue_flagged'].map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <label className="field">
        <span>Actor</span>
        <input type="search" data-testid="audit-actor" value={draft.actor} onChange={set('actor')} />
      </label>
      <label className="field wide">
        <span>Resource</span>
        <input type="search" data-testid="audit-resource" value={draft.resource} onChange={set('resource')} placeholder="event/…, sessions/…, settings/…" spellCheck={false} />
      </label>
      <label className="field">
        <span>From</span>
        <input type="date" data-testid="audit-from" value={dayOf(draft.from)} onChange={set('from')} />
      </label>
      <label className="field">
        <span>To</span>
        <input type="date" data-testid="audit-to" value={dayOf(draft.to)} onChange={set('to')} />
      </label>
      <div className="filter-actions">
        <button type="submit" className="button primary" data-testid="audit-apply">
          Apply
        </button>
        <button type="button" className="button" onClick={() => onApply({ action: '', actor: '', resource: '', from: '', to: '' })}>
          Clear
        </button>
      </div>
    </form>
  );
}
