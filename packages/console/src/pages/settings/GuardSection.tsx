import type { GuardSettings, GuardView, Mode } from '../../api/types';
import { Check, Options } from '../../components/Form';
import { MODES } from '../../constants';
import { SettingsPanel } from './SettingsPanel';

interface Props {
  view: GuardView;
  draft: GuardSettings;
  onChange: (s: GuardSettings) => void;
  disabled: boolean;
}

export function GuardSection({ view, draft, onChange, disabled }: Props) {
  const judge = draft.judge ?? {};
  return (
    <SettingsPanel title="AgentGuard" meta={view}>
      <p className="hint">Watches each session's trajectory for signs of a hijacked agent (steering by tool output, reasoning pivots, slow drift).</p>
      <div className="form-grid">
        <label className="field">
          <span>Mode</span>
          <select data-testid="setting-guard-mode" value={draft.mode} disabled={disabled} onChange={(e) => onChange({ ...draft, mode: e.target.value as Mode })}>
            <Options values={MODES} />
          </select>
        </label>
        <Check testId="setting-guard-end-session" checked={draft.end_session_on_scanner_block} disabled={disabled} onChange={(on) => onChange({ ...draft, end_session_on_scanner_block: on })}>
          End the session when any scanner blocks a call
        </Check>
      </div>
      <p className="meta muted">
        LLM judge: {judge.enabled === true ? `on (${String(judge.model ?? '')} at ${String(judge.url ?? '')})` : 'off'} · set in the config file or the API.
      </p>
    </SettingsPanel>
  );
}
