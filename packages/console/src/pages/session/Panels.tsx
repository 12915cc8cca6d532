// The side panels of the session view: identity, initial prompt and topic, tool usage.
import type { ReactNode } from 'react';
import type { SessionRecord } from '../../api/types';
import { Badge } from '../../components/Badge';
import { countColumn, DataTable } from '../../components/DataTable';
import { LongText } from '../../components/LongText';
import { Time } from '../../components/Time';
import { num } from '../../format';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const dash = <span className="muted">–</span>;

export function Identity({ s }: { s: SessionRecord }) {
  const device = s.device ?? {};
  return (
    <section className="panel" data-testid="session-identity" aria-label="Identity">
      <h2>Identity</h2>
      <dl className="kv">
        <Row label="User">{s.user ?? dash}</Row>
        <Row label="Device">
          {device.hostname ?? device.id ?? dash}
          {device.os ? <span className="muted"> · {device.os}</span> : null}
        </Row>
        <Row label="Client">
          {s.client}
          {s.client_version ? <span className="muted"> {s.client_version}</span> : null}
        </Row>
        <Row label="Source">{s.capture}</Row>
        <Row label="Model">{s.model ?? dash}</Row>
        {s.cwd ? (
          <Row label="Directory">
            <span className="mono break">{s.cwd}</span>
          </Row>
        ) : null}
        <Row label="Started">
          <Time value={s.started_at} />
        </Row>
        <Row label="Last seen">
          <Time value={s.last_seen_at} />
        </Row>
        <Row label="Ended">
          <Time value={s.ended_at} empty={s.status === 'active' ? 'still active' : '–'} />
        </Row>
        <Row label="Status">
          <Badge value={s.status} />
        </Row>
        <Row label="Security">
          <Badge value={s.security} />
        </Row>
        <Row label="Session id">
          <span className="mono break">{s.id}</span>
        </Row>
      </dl>
      <div className="counters">
        <Counter label="events" n={s.counters.events} />
        <Counter label="tool calls" n={s.counters.tool_calls} />
        <Counter label="failures" n={s.counters.failures} />
        <Counter label="alerts" n={s.counters.alerts} tone={s.counters.alerts > 0 ? 'amber' : undefined} />
        <Counter label="blocks" n={s.counters.blocks} tone={s.counters.blocks > 0 ? 'red' : undefined} />
      </div>
    </section>
  );
}

function Counter({ label, n, tone }: { label: string; n: number; tone?: 'amber' | 'red' }) {
  return (
    <div className={`counter${tone ? ` text-${tone}` : ''}`}>
      <span className="counter-n">{num(n)}</span>
      <span className="counter-l">{label}</span>
    </div>
  );
}

export function PromptPanel({ s }: { s: SessionRecord }) {
  return (
    <section className="panel" aria-label="Initial prompt">
      <h2>
        Initial prompt
        <span className="topic" data-testid="session-topic">
          {s.topic ?? 'no topic'}
        </span>
      </h2>
      <div data-testid="session-prompt">{s.initial_prompt ? <LongText text={s.initial_prompt} className="prose" /> : <span className="muted">No prompt recorded.</span>}</div>
    </section>
  );
}

export function ToolsPanel({ s }: { s: SessionRecord }) {
  const tools = [...(s.tools ?? [])].sort((a, b) => b.calls - a.calls);
  const mcp = s.mcp_servers ?? [];
  return (
    <section className="panel" data-testid="session-tools" aria-label="Tool usage">
      <h2>
        Tools <span className="muted small">{num(s.counters.failures)} failures</span>
      </h2>
      {tools.length === 0 ? (
        <p className="muted">No tool calls.</p>
      ) : (
        <DataTable
          className="table mini"
          rows={tools}
          rowKey={(t) => `${t.mcp_server ?? ''}/${t.name}`}
          rowData={() => ({ 'data-testid': 'session-tool' })}
          columns={[
            {
              head: 'Tool',
              cellClass: 'break',
              cell: (t) => (
                <>
                  <span className="mono">{t.name}</span>
                  {t.mcp_server ? <span className="muted"> · {t.mcp_server}</span> : null}
                </>
              ),
            },
            countColumn('Calls', 'calls'),
            countColumn('Failed', 'failures', 'red'),
          ]}
        />
      )}
      <h3>MCP servers</h3>
      {mcp.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="chips">
          {mcp.map((m) => (
            <li key={m} className="chip">
              {m}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
