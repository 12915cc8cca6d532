import { api } from '../../api/client';
import type { InstallInfo } from '../../api/types';
import { CopyButton } from '../../components/CopyButton';
import { ErrorBox, Loading } from '../../components/ErrorBox';
import { useApi } from '../../hooks/useApi';

export function InstallCommands() {
  const info = useApi((signal) => api.get<InstallInfo>('/v1/console/install', undefined, signal), 'install');
  const d = info.data;
  return (
    <section className="panel" aria-label="Connect clients">
      <h2>Connect clients</h2>
      <ErrorBox error={info.error} />
      {!d && info.loading ? <Loading /> : null}
      {d ? (
        <>
          <p className="hint">
            Server address: <span className="mono">{d.server_url}</span>
          </p>
          <ul className="install">
            {d.clients.map((c) => (
              // The testid is on the whole entry so its copy button is found inside it.
              <li key={c.client} data-testid="install-command" data-client={c.client}>
                <div className="install-head">
                  <strong>{c.title}</strong>
                  <span className="muted mono">{c.client}</span>
                  <div className="spacer" />
                  <CopyButton text={c.command} />
                </div>
                <pre className="code" data-testid="install-command-text">
                  {c.command}
                </pre>
                {c.notes ? <p className="hint">{c.notes}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
