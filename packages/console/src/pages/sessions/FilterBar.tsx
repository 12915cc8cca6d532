import { useEffect, useState, type FormEvent } from 'react';
import { Options } from '../../components/Form';
import { CLIENTS, DECISIONS, STATUSES, TOPICS } from '../../constants';
import { dayOf } from '../../format';
import { emptyFilters, type FilterKey, type Filters } from './filters';

interface Props {
  filters: Filters;
  onApply: (f: Filters) => void;
}

/** Filter drafts: applied with the button or Enter, then they live in the URL. */
export function FilterBar({ filters, onApply }: Props) {
  const [draft, setDraft] = useState<Filters>(filters);
  const urlKey = JSON.stringify(filters);
  useEffect(() => setDraft(JSON.parse(urlKey) as Filters), [urlKey]);

  const set = (k: FilterKey) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, q: draft.q.trim(), user: draft.user.trim(), device: draft.device.trim(), tool: draft.tool.trim() });
  };

  const text = (k: FilterKey, label: string, placeholder: string, wide = false) => (
    <label className={wide ? 'field wide' : 'field'}>
      <span>{label}</span>
      <input type="search" data-testid={`filter-${k}`} value={draft[k]} onChange={set(k)} placeholder={placeholder} spellCheck={false} />
    </label>
  );
  const select = (k: FilterKey, label: string, values: readonly string[]) => (
    <label className="field">
      <span>{label}</span>
      <select data-testid={`filter-${k}`} value={draft[k]} onChange={set(k)}>
        <option value="">Any</option>
        <Options values={values} />
        {draft[k] && !values.includes(draft[k]) ? <option value={draft[k]}>{draft[k]}</option> : null}
      </select>
    </label>
  );
  const date = (k: 'from' | 'to', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="date" data-testid={`filter-${k}`} value={dayOf(draft[k])} onChange={set(k)} />
    </label>
  );

  return (
    <form className="filters" onSubmit={submit} role="search">
      {text('q', 'Search', 'Prompts, tool inputs and outputs…', true)}
      {select('client', 'Client', CLIENTS)}
      {text('user', 'User', 'name@example.com')}
      {text('device', 'Device', 'hostname or id')}
      {select('topic', 'Topic', TOPICS)}
      {text('tool', 'Tool', 'Bash, mcp__…')}
      {select('decision', 'Decision', DECISIONS)}
      {select('status', 'Status', STATUSES)}
      {date('from', 'From')}
      {date('to', 'To')}
      <div className="filter-actions">
        <button type="submit" className="button primary" data-testid="filter-apply">
          Apply
        </button>
        <button
          type="button"
          className="button"
          data-testid="filter-clear"
          onClick={() => {
            setDraft(emptyFilters());
            onApply(emptyFilters());
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
