import type { VigilEvent } from '../../../api/types';
import { LongText } from '../../../components/LongText';
import { Time } from '../../../components/Time';
import { duration, pretty, truncate } from '../../../format';
import { Link } from '../../../router';
import { auditHref } from '../verdicts';
import { useExpand } from './expand';
import { BlockReason, GuardTurn, isQuiet, QuietScans, ScanResult, VerdictLine } from './Security';

const LABELS: Record<string, string> = {
  session_start: 'Session start',
  session_end: 'Session end',
  prompt: 'Prompt',
  reasoning: 'Reasoning',
  response: 'Response',
  tool_call: 'Tool call',
  tool_result: 'Tool result',
  tool_error: 'Tool error',
  subagent_start: 'Subagent start',
  subagent_stop: 'Subagent stop',
  compact: 'Compaction',
  notification: 'Notification',
  scan_result: 'Scan',
  guard_finding: 'AgentGuard',
  decision: 'Decision',
};

export const kindLabel = (k: string): string => LABELS[k] ?? k;

/** Which subagent an event belongs to. */
export function AgentChip({ event }: { event: VigilEvent }) {
  if (!event.parent_id) return null;
  return (
    <span className="agent-chip" title={`Subagent ${event.parent_id}`}>
      ↳ {truncate(event.parent_id, 16)}
    </span>
  );
}

/** Any event that is not a paired tool call. */
export function EventView({ event }: { event: VigilEvent }) {
  const v = event.verdict;
  return (
    <div className={`ev ev-${event.kind}`}>
      <div className="tl-head">
        <Time value={event.time} />
        <span className={`kind kind-${event.kind}`}>{kindLabel(event.kind)}</span>
        {event.tool ? <span className="tool-name">{event.tool.name}</span> : null}
        {event.tool?.mcp_server ? <span className="mcp">mcp: {event.tool.mcp_server}</span> : null}
        {event.kind === 'session_start' && event.model ? <span className="muted">{event.model}</span> : null}
        {event.kind === 'session_start' && event.cwd ? <span className="muted mono">{event.cwd}</span> : null}
        {event.duration_ms !== undefined ? <span className="muted">{duration(event.duration_ms)}</span> : null}
        <AgentChip event={event} />
      </div>
      <Body event={event} />
      {event.kind === 'guard_finding' ? <GuardTurn event={event} /> : null}
      {event.kind === 'decision' && v?.action === 'block' ? (
        <BlockReason block={{ reason: v.reason ?? event.text ?? 'Blocked', source: [v.source, v.rule].filter(Boolean).join('/') || null }} eventId={v.target_event_id ?? event.id} />
      ) : null}
      {v && event.kind !== 'guard_finding' && !(event.kind === 'decision' && v.action === 'block') ? <VerdictLine event={event} /> : null}
      {event.scan && !isQuiet(event.scan) ? <ScanResult scan={event.scan} label={event.scan.stage} /> : null}
      {event.scan && isQuiet(event.scan) ? <QuietScans scans={[{ key: event.id, label: event.scan.stage, scan: event.scan }]} /> : null}
      {event.kind === 'decision' && v?.target_event_id && v.action !== 'block' ? (
        <div className="muted small">
          About event <span className="mono">{v.target_event_id}</span> ·{' '}
          <Link to={auditHref(v.target_event_id)}>audit log</Link>
        </div>
      ) : null}
    </div>
  );
}

function Body({ event }: { event: VigilEvent }) {
  const text = useExpand(`${event.id}:text`);
  const input = useExpand(`${event.id}:input`);
  const output = useExpand(`${event.id}:output`);
  const error = useExpand(`${event.id}:error`);
  // Verdict kinds show their text as the explanation or reason.
  const showText = event.text && event.kind !== 'guard_finding' && event.kind !== 'decision';
  return (
    <>
      {showText ? <LongText text={event.text!} className={`prose ${event.kind === 'reasoning' ? 'prose-muted' : ''}`} testId="event-text" {...text} /> : null}
      {event.input !== undefined ? <LongText text={pretty(event.input)} testId="event-input" {...input} /> : null}
      {event.output !== undefined ? <LongText text={pretty(event.output)} testId="event-output" {...output} /> : null}
      {event.error ? <LongText text={event.error} className="code code-error" testId="event-error" {...error} /> : null}
    </>
  );
}
