import type { PrivacyView } from '../../api/types';
import { Updated } from './Updated';

interface Props {
  view: PrivacyView;
  enabled: boolean;
  onChange: (enabled: boolean) => void;
  disabled: boolean;
}

/** Workspace privacy (docs/identity.md, "Privacy"): others' session content redacted unless revealed. */
export function PrivacySection({ view, enabled, onChange, disabled }: Props) {
  return (
    <section className="panel" aria-label="Privacy">
      <h2>Privacy</h2>
      <Updated meta={view} />
      <p className="hint">
        With privacy on, readers see other people's sessions without their content (prompts, responses, tool inputs and outputs). Admins and reviewers granted
        reveal can show one session for an hour by giving a reason, which is audited.
      </p>
      <label className="check">
        <input type="checkbox" data-testid="setting-privacy-enabled" checked={enabled} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
        Workspace privacy
      </label>
    </section>
  );
}
