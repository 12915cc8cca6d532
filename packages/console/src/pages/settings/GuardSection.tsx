import type { GuardSettings, GuardView, Mode } from '../../api/types';
import { MODES } from '../../constants';
import { Updated } from './Updated';

interface Props {
  view: GuardView;
  draft: GuardSettings;
  onChange: (s: GuardSettings) => void;
  disabled: boolean;
}

export function GuardSection({ view, draft, onChange, disabled }: Props) {
  const judge = draft.judge ?? {};
  return (
    <section className="panel" aria-label="AgentGuard">
      <h2>AgentGuard</h2>
      <Updated meta={view} />
      <p className="hint">Watches each session's trajectory for signs of a hijacked agent (steering by tool output, reasoning pivots, slow drift).</p>
      <div className="form-grid">
        <label className="field">
          <span>Mode</span>
          <select data-testid="setting-guard-mode" value={draft.mode} disabled={disabled} onChange={(e) => onChange({ ...draft, mode: e.target.value as Mode })}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="setting-guard-end-session"
            checked={draft.end_session_on_scanner_block}
            disabled={disabled}
            onChange={(e) => onChange({ ...draft, end_session_on_scanner_block: e.target.checked })}
          />
          End the session when any scanner blocks a call
        </label>
      </div>
      <p className="meta muted">
        LLM judge: {judge.enabled === true ? `on (${String(judge.model ?? '')} at ${String(judge.url ?? '')})` : 'off'} · set in the config file or the API.
      </p>
    </section>
  );
}
