import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { DeviceRequest } from '../api/types';
import { ErrorBox, Loading } from '../components/ErrorBox';
import { Time } from '../components/Time';
import { useApi, useReadyFlag } from '../hooks/useApi';
import { href, navigate, useRoute } from '../router';

// Device login (RFC 8628): `vigil login` on a machine shows a code; the person signed in here
// checks which device asks and approves or denies it. The device then gets a token bound to them.

export function DevicePage() {
  const route = useRoute();
  const code = (route.query.get('user_code') ?? '').trim();
  return (
    <div className="page">
      <div className="page-head">
        <h1>Connect a device</h1>
        <span className="muted">Approve a machine that runs vigil login, so its agents report to Vigil as you.</span>
      </div>
      <CodeForm initial={code} />
      {code ? <DeviceRequestPanel key={code} code={code} /> : <ReadyWhenIdle />}
    </div>
  );
}

function ReadyWhenIdle() {
  useReadyFlag('device', true);
  return null;
}

function CodeForm({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(href('/device', { user_code: value.trim().toUpperCase() }));
  };
  return (
    <form className="panel form-grid" onSubmit={submit}>
      <label className="field">
        <span>Code shown on the device</span>
        <input data-testid="device-code" value={value} onChange={(e) => setValue(e.target.value)} placeholder="XXXX-XXXX" autoComplete="off" spellCheck={false} maxLength={20} />
      </label>
      <div>
        <button type="submit" className="button" data-testid="device-lookup" disabled={value.trim() === ''}>
          Look up
        </button>
      </div>
    </form>
  );
}

function DeviceRequestPanel({ code }: { code: string }) {
  const req = useApi((signal) => api.get<DeviceRequest>(`/v1/device/requests/${encodeURIComponent(code)}`, undefined, signal), code);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useReadyFlag('device', !req.loading);

  const decide = (approve: boolean) => {
    setBusy(true);
    setError(null);
    api.post<DeviceRequest>('/v1/device/approve', { user_code: code, approve }).then(
      (r) => {
        req.set(r);
        setBusy(false);
      },
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };

  if (req.loading && !req.data) return <Loading what="Looking up the device" />;
  if (req.error) return <ErrorBox error={req.error} testId="device-error" />;
  const d = req.data;
  if (!d) return null;
  return (
    <div className="panel" data-testid="device-request">
      <dl className="kv">
        <dt>Code</dt>
        <dd className="mono">{d.user_code}</dd>
        <dt>Device</dt>
        <dd data-testid="device-hostname">{d.hostname}</dd>
        <dt>Operating system</dt>
        <dd data-testid="device-os">{d.os ?? 'not given'}</dd>
        <dt>Device id</dt>
        <dd className="mono">{d.device_id ?? 'not given'}</dd>
        <dt>Access</dt>
        <dd>{d.scope === 'ingest' ? 'send its agents’ events (no reading)' : d.scope}</dd>
        <dt>Expires</dt>
        <dd>
          <Time value={d.expires_ms} />
        </dd>
      </dl>
      <ErrorBox error={error} testId="device-error" />
      {d.status === 'pending' ? (
        <div className="pager">
          <span className="muted">Approve only if you started vigil login on this device just now.</span>
          <button type="button" className="button danger" data-testid="device-deny" disabled={busy} onClick={() => decide(false)}>
            Deny
          </button>
          <button type="button" className="button primary" data-testid="device-approve" disabled={busy} onClick={() => decide(true)}>
            Approve
          </button>
        </div>
      ) : (
        <p data-testid="device-done" data-status={d.status}>
          {DONE[d.status]}
        </p>
      )}
    </div>
  );
}

const DONE: Record<DeviceRequest['status'], string> = {
  pending: '',
  approved: 'Approved. The device will finish signing in within a few seconds; you can close this page.',
  issued: 'This device is connected.',
  denied: 'Denied. The device was refused.',
  expired: 'This code has expired. Run vigil login on the device again for a new one.',
};
