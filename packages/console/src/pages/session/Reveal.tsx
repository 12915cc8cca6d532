import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api/client';
import type { Principal } from '../../api/types';
import { usePrincipal } from '../../auth';

const MIN = 10;
const MAX = 1000;

/** Admins (people or admin tokens) and people granted can_reveal may reveal (docs/identity.md, "Privacy"). */
export const mayReveal = (p: Principal): boolean => p.role === 'admin' || p.user?.can_reveal === true;

/**
 * A redacted session (workspace privacy): a banner, and for those who may, a reveal form. A reveal
 * is for this reader only, for an hour, and audited with the reason; `onRevealed` reloads the session.
 */
export function RedactedBanner({ id, onRevealed }: { id: string; onRevealed: () => void }) {
  const principal = usePrincipal();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const can = mayReveal(principal);
  const len = reason.trim().length;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (len < MIN || len > MAX) return setError(`Give a reason of ${MIN} to ${MAX} characters: the audit log keeps it.`);
    setBusy(true);
    setError(null);
    api.post<{ session_id: string; expires_ms: number }>(`/v1/sessions/${encodeURIComponent(id)}/reveal`, { reason: reason.trim() }).then(
      () => {
        setBusy(false);
        onRevealed();
      },
      (err: unknown) => {
        setBusy(false);
        setError(messageOf(err));
      },
    );
  };

  return (
    <section className="panel" aria-label="Redacted" data-testid="redacted-banner">
      <p className="note">
        <strong>Content is redacted under workspace privacy.</strong> Who, when, which tools and every finding are shown; prompts, responses, tool inputs and
        outputs are not.
      </p>
      {can ? (
        <form className="filters" onSubmit={submit}>
          <label className="field wide">
            <span>Reason to reveal (audited; shows the content to you for an hour)</span>
            <input data-testid="reveal-reason" value={reason} maxLength={MAX} disabled={busy} onChange={(e) => setReason(e.target.value)} placeholder="Why you need to read this session" />
          </label>
          <div className="filter-actions">
            <button type="submit" className="button primary" data-testid="reveal-submit" disabled={busy || len < MIN || len > MAX}>
              {busy ? 'Revealing…' : 'Reveal'}
            </button>
          </div>
        </form>
      ) : (
        <p className="hint">Only admins and reviewers granted reveal can show the content.</p>
      )}
      {error ? (
        <div className="error-box" role="alert" data-testid="reveal-error">
          {error}
        </div>
      ) : null}
    </section>
  );
}
