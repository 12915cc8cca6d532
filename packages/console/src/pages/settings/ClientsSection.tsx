import type { ClientsView } from '../../api/types';
import { Check } from '../../components/Form';
import { CLIENTS } from '../../constants';
import { SettingsPanel } from './SettingsPanel';

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
    <SettingsPanel title="Clients" meta={view}>
      <p className="hint">Events from a disabled client are refused at ingest.</p>
      <div className="check-grid">
        {known.map((c) => (
          <Check key={c} testId="setting-client-enabled" data-client={c} checked={!off.has(c)} disabled={disabled} onChange={(on) => set(c, on)}>
            {c}
          </Check>
        ))}
      </div>
    </SettingsPanel>
  );
}
