import type { Mode, ScanningView, ScanSettings, Sensitivity } from '../../api/types';
import { MODES, SENSITIVITIES } from '../../constants';
import { Updated } from './Updated';

interface Props {
  view: ScanningView;
  draft: ScanSettings;
  onChange: (s: ScanSettings) => void;
  disabled: boolean;
}

export function ScanningSection({ view, draft, onChange, disabled }: Props) {
  // '' means "as the global setting": the scanner's own key is removed.
  const setScanner = (id: string, key: 'mode' | 'sensitivity', value: string) => {
    const scanners = { ...draft.scanners };
    const own: Record<string, unknown> = { ...(scanners[id] ?? {}) };
    if (value === '') delete own[key];
    else own[key] = value;
    if (Object.keys(own).length === 0) delete scanners[id];
    else scanners[id] = own as ScanSettings['scanners'][string];
    onChange({ ...draft, scanners });
  };

  return (
    <section className="panel" aria-label="Scanning">
      <h2>Scanning</h2>
      <Updated meta={view} />
      <div className="form-grid">
        <label className="check">
          <input
            type="checkbox"
            data-testid="setting-scanning-enabled"
            checked={draft.enabled}
            disabled={disabled}
            onChange={(e) => onChange({ ...draft, enabled: e.target.checked })}
          />
          Scan sessions (prompts, tool inputs and outputs)
        </label>
        <label className="field">
          <span>Mode</span>
          <select data-testid="setting-scan-mode" value={draft.mode} disabled={disabled} onChange={(e) => onChange({ ...draft, mode: e.target.value as Mode })}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Sensitivity</span>
          <select
            data-testid="setting-scan-sensitivity"
            value={draft.sensitivity}
            disabled={disabled}
            onChange={(e) => onChange({ ...draft, sensitivity: e.target.value as Sensitivity })}
          >
            {SENSITIVITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">
        <b>alert</b> records findings; <b>block</b> also stops the call (and masks secrets where it can); <b>off</b> scans nothing.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Scanner</th>
            <th>Version</th>
            <th>Stages</th>
            <th>Mode</th>
            <th>Sensitivity</th>
          </tr>
        </thead>
        <tbody>
          {view.scanners.map((s) => (
            <tr key={s.id}>
              <td className="mono">{s.id}</td>
              <td className="muted">{s.version}</td>
              <td className="muted">{(s.stages ?? []).join(', ')}</td>
              <td>
                <select
                  data-testid="setting-scanner-mode"
                  data-scanner={s.id}
                  value={draft.scanners[s.id]?.mode ?? ''}
                  disabled={disabled}
                  onChange={(e) => setScanner(s.id, 'mode', e.target.value)}
                >
                  <option value="">global ({draft.mode})</option>
                  {MODES.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  data-testid="setting-scanner-sensitivity"
                  data-scanner={s.id}
                  value={draft.scanners[s.id]?.sensitivity ?? ''}
                  disabled={disabled}
                  onChange={(e) => setScanner(s.id, 'sensitivity', e.target.value)}
                >
                  <option value="">global ({draft.sensitivity})</option>
                  {SENSITIVITIES.map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {draft.overrides.length > 0 ? (
        <p className="hint">
          {draft.overrides.length} override{draft.overrides.length === 1 ? '' : 's'} (per client, tool or MCP server) apply on top; they are kept as they are.
        </p>
      ) : null}
    </section>
  );
}
