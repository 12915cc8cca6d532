import type { ClientsView } from '../../api/types';
import { CLIENTS } from '../../constants';
import { Updated } from './Updated';

interface Props {
  view: ClientsView;
  disabledClients: string[];
  onChange: (disabled: string[]) => void;
  disabled: boolean;
}

export function ClientsSection({ view, disabledClients, onChange, disabled }: Props) {
  const known = view.clients?.length ? view.clients : [...CLIENTS];
  const off = new Set(disabledClients);
  const set = (client: string, enabled: boolean) => {
    const next = new Set(off);
    if (enabled) next.delete(client);
    else next.add(client);
    // Keep the server's order of known clients, then anything else it had.
    onChange([...known.filter((c) => next.has(c)), ...[...next].filter((c) => !known.includes(c))]);
  };
  return (
    <section className="panel" aria-label="Clients">
      <h2>Clients</h2>
      <Updated meta={view} />
      <p className="hint">Events from a disabled client are refused at ingest.</p>
      <div className="check-grid">
        {known.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" data-testid="setting-client-enabled" data-client={c} checked={!off.has(c)} disabled={disabled} onChange={(e) => set(c, e.target.checked)} />
            {c}
          </label>
        ))}
      </div>
    </section>
  );
}
