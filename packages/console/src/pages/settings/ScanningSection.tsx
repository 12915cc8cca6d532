import type { Mode, ScanningView, ScanSettings, Sensitivity } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Check, Options } from '../../components/Form';
import { MODES, SENSITIVITIES } from '../../constants';
import { SettingsPanel } from './SettingsPanel';

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

  // A scanner's own mode or sensitivity, or the global one.
  const own = (key: 'mode' | 'sensitivity', values: readonly string[]) => (s: ScanningView['scanners'][number]) => (
    <select data-testid={`setting-scanner-${key}`} data-scanner={s.id} value={draft.scanners[s.id]?.[key] ?? ''} disabled={disabled} onChange={(e) => setScanner(s.id, key, e.target.value)}>
      <option value="">global ({draft[key]})</option>
      <Options values={values} />
    </select>
  );

  return (
    <SettingsPanel title="Scanning" meta={view}>
      <div className="form-grid">
        <Check testId="setting-scanning-enabled" checked={draft.enabled} disabled={disabled} onChange={(enabled) => onChange({ ...draft, enabled })}>
          Scan sessions (prompts, tool inputs and outputs)
        </Check>
        <label className="field">
          <span>Mode</span>
          <select data-testid="setting-scan-mode" value={draft.mode} disabled={disabled} onChange={(e) => onChange({ ...draft, mode: e.target.value as Mode })}>
            <Options values={MODES} />
          </select>
        </label>
        <label className="field">
          <span>Sensitivity</span>
          <select data-testid="setting-scan-sensitivity" value={draft.sensitivity} disabled={disabled} onChange={(e) => onChange({ ...draft, sensitivity: e.target.value as Sensitivity })}>
            <Options values={SENSITIVITIES} />
          </select>
        </label>
      </div>
      <p className="hint">
        <b>alert</b> records findings; <b>block</b> also stops the call (and masks secrets where it can); <b>off</b> scans nothing.
      </p>
      <DataTable
        rows={view.scanners}
        rowKey={(s) => s.id}
        columns={[
          { head: 'Scanner', cellClass: 'mono', cell: (s) => s.id },
          { head: 'Version', cellClass: 'muted', cell: (s) => s.version },
          { head: 'Stages', cellClass: 'muted', cell: (s) => (s.stages ?? []).join(', ') },
          { head: 'Mode', cell: own('mode', MODES) },
          { head: 'Sensitivity', cell: own('sensitivity', SENSITIVITIES) },
        ]}
      />
      {draft.overrides.length > 0 ? (
        <p className="hint">
          {draft.overrides.length} override{draft.overrides.length === 1 ? '' : 's'} (per client, tool or MCP server) apply on top; they are kept as they are.
        </p>
      ) : null}
    </SettingsPanel>
  );
}
