import type { PrivacyView } from '../../api/types';
import { Check } from '../../components/Form';
import { SettingsPanel } from './SettingsPanel';

interface Props {
  view: PrivacyView;
  enabled: boolean;
  onChange: (enabled: boolean) => void;
  disabled: boolean;
}

/** Workspace privacy (docs/identity.md, "Privacy"): others' session content redacted unless revealed. */
export function PrivacySection({ view, enabled, onChange, disabled }: Props) {
  return (
    <SettingsPanel title="Privacy" meta={view}>
      <p className="hint">
        With privacy on, readers see other people's sessions without their content (prompts, responses, tool inputs and outputs). Admins and reviewers granted
        reveal can show one session for an hour by giving a reason, which is audited.
      </p>
      <Check testId="setting-privacy-enabled" checked={enabled} disabled={disabled} onChange={onChange}>
        Workspace privacy
      </Check>
    </SettingsPanel>
  );
}
