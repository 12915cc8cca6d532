import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api/client';
import type { ClientsView, GuardSettings, GuardView, PrivacyView, ScanningView, ScanSettings } from '../../api/types';
import { useCanWrite, usePrincipal } from '../../auth';
import { ErrorBox, Loading } from '../../components/ErrorBox';
import { useApi, useReadyFlag } from '../../hooks/useApi';
import { ClientsSection } from './ClientsSection';
import { GuardSection } from './GuardSection';
import { InstallCommands } from './InstallCommands';
import { KillSwitch } from './KillSwitch';
import { PrivacySection } from './PrivacySection';
import { ScanningSection } from './ScanningSection';

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; what: string[] } | { kind: 'error'; message: string };

// Key order must not make an unchanged document look changed.
const stable = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(stable) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, stable(x)])) : v;
const same = (a: unknown, b: unknown) => JSON.stringify(stable(a)) === JSON.stringify(stable(b));

export function SettingsPage() {
  const canWrite = useCanWrite();
  const principal = usePrincipal();
  const scanning = useApi((s) => api.get<ScanningView>('/v1/settings/scanning', undefined, s), 'scanning');
  const clients = useApi((s) => api.get<ClientsView>('/v1/settings/clients', undefined, s), 'clients');
  const guard = useApi((s) => api.get<GuardView>('/v1/settings/agentguard', undefined, s), 'guard');
  const privacy = useApi((s) => api.get<PrivacyView>('/v1/settings/privacy', undefined, s), 'privacy');

  // Drafts start as what the server has; Save sends only the documents that differ.
  const [scanDraft, setScanDraft] = useState<ScanSettings | null>(null);
  const [clientsDraft, setClientsDraft] = useState<string[] | null>(null);
  const [guardDraft, setGuardDraft] = useState<GuardSettings | null>(null);
  const [privacyDraft, setPrivacyDraft] = useState<boolean | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => setPrivacyDraft(privacy.data ? privacy.data.settings.enabled === true : null), [privacy.data]);
  useEffect(() => setScanDraft(scanning.data ? structuredClone(scanning.data.settings) : null), [scanning.data]);
  useEffect(() => setClientsDraft(clients.data ? [...(clients.data.settings.disabled ?? [])] : null), [clients.data]);
  useEffect(() => setGuardDraft(guard.data ? structuredClone(guard.data.settings) : null), [guard.data]);

  const changed = {
    scanning: scanning.data !== null && scanDraft !== null && !same(scanDraft, scanning.data.settings),
    clients: clients.data !== null && clientsDraft !== null && !same([...clientsDraft].sort(), [...(clients.data.settings.disabled ?? [])].sort()),
    agentguard: guard.data !== null && guardDraft !== null && !same(guardDraft, guard.data.settings),
    privacy: privacy.data !== null && privacyDraft !== null && privacyDraft !== (privacy.data.settings.enabled === true),
  };
  const dirty = changed.scanning || changed.clients || changed.agentguard || changed.privacy;
  const loaded = scanning.data !== null || clients.data !== null || guard.data !== null || privacy.data !== null;
  useReadyFlag('settings', !scanning.loading && !clients.loading && !guard.loading && !privacy.loading);

  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    if (status.kind !== 'saving') setStatus({ kind: 'idle' });
  };

  const save = async () => {
    setStatus({ kind: 'saving' });
    const saved: string[] = [];
    try {
      if (changed.scanning && scanDraft) {
        scanning.set(await api.put<ScanningView>('/v1/settings/scanning', scanDraft));
        saved.push('scanning');
      }
      if (changed.clients && clientsDraft) {
        clients.set(await api.put<ClientsView>('/v1/settings/clients', { disabled: clientsDraft }));
        saved.push('clients');
      }
      if (changed.agentguard && guardDraft) {
        guard.set(await api.put<GuardView>('/v1/settings/agentguard', guardDraft));
        saved.push('AgentGuard');
      }
      if (changed.privacy && privacyDraft !== null) {
        privacy.set(await api.put<PrivacyView>('/v1/settings/privacy', { enabled: privacyDraft }));
        saved.push('privacy');
      }
      setStatus({ kind: 'saved', what: saved });
    } catch (err) {
      setStatus({ kind: 'error', message: saved.length ? `${messageOf(err)} (saved before the error: ${saved.join(', ')})` : messageOf(err) });
    }
  };

  const ro = !canWrite;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Settings</h1>
        <div className="spacer" />
        {dirty ? <span className="muted">Unsaved changes</span> : null}
        <button type="button" className="button primary" data-testid="settings-save" disabled={ro || !dirty || status.kind === 'saving'} onClick={save}>
          {status.kind === 'saving' ? 'Saving…' : 'Save'}
        </button>
      </div>
      {ro ? (
        <p className="note" data-testid="settings-readonly">
          Read-only: your role ({principal.role}) can see the settings but not change them.
        </p>
      ) : null}
      {status.kind === 'saved' ? (
        <div className="ok-box" role="status" data-testid="settings-saved">
          Saved{status.what.length ? `: ${status.what.join(', ')}` : ''}.
        </div>
      ) : null}
      {status.kind === 'error' ? (
        <div className="error-box" role="alert" data-testid="settings-error">
          {status.message}
        </div>
      ) : null}
      <ErrorBox error={scanning.error ?? clients.error ?? guard.error ?? privacy.error} />
      {!loaded && (scanning.loading || clients.loading || guard.loading || privacy.loading) ? <Loading what="Loading settings" /> : null}
      <div className="grid-2">
        <div className="stack">
          {scanning.data && scanDraft ? <ScanningSection view={scanning.data} draft={scanDraft} onChange={edit(setScanDraft)} disabled={ro} /> : null}
        </div>
        <div className="stack">
          {guard.data && guardDraft ? <GuardSection view={guard.data} draft={guardDraft} onChange={edit(setGuardDraft)} disabled={ro} /> : null}
          {clients.data && clientsDraft ? <ClientsSection view={clients.data} disabledClients={clientsDraft} onChange={edit(setClientsDraft)} disabled={ro} /> : null}
          {privacy.data && privacyDraft !== null ? <PrivacySection view={privacy.data} enabled={privacyDraft} onChange={edit(setPrivacyDraft)} disabled={ro} /> : null}
        </div>
      </div>
      <KillSwitch disabled={ro} />
      <InstallCommands />
    </div>
  );
}
