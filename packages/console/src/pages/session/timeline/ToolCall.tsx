import { Badge } from '../../../components/Badge';
import { LongText } from '../../../components/LongText';
import { Time } from '../../../components/Time';
import { duration, pretty } from '../../../format';
import type { ToolItem } from '../items';
import { blockOf, scansOf, statusOf } from '../verdicts';
import { useExpand } from './expand';
import { AgentChip } from './EventView';
import { BlockReason, GuardTurn, isQuiet, QuietScans, ScanResult, VerdictLine } from './Security';

const STATUS_TONE = { blocked: 'blocked', error: 'error', ok: 'pass', pending: 'pending' } as const;

export function ToolCall({ item }: { item: ToolItem }) {
  const { call, result } = item;
  const block = blockOf(item);
  const status = statusOf(item, block !== null);
  const error = result?.error ?? call.error ?? (result?.kind === 'tool_error' && typeof result.output === 'string' ? result.output : undefined);
  const output = result && result.output !== undefined && !(result.kind === 'tool_error' && error === result.output) ? result.output : undefined;
  const ms = result?.duration_ms ?? call.duration_ms;
  const otherDecisions = item.related.filter((e) => e.kind === 'decision' && e.verdict?.action !== 'block');
  const guards = item.related.filter((e) => e.kind === 'guard_finding');
  const looseScans = item.related.filter((e) => e.kind === 'scan_result' && !e.scan);
  const scans = scansOf(item);

  return (
    <div className={`tool tool-${status}`} data-testid="tool-call" data-status={status}>
      <div className="tl-head">
        <Time value={call.time} />
        <span className="kind kind-tool">{call.tool?.kind ?? 'tool'}</span>
        <span className="tool-name" data-testid="tool-name">
          {call.tool?.name ?? 'unknown tool'}
        </span>
        {call.tool?.mcp_server ? <span className="mcp">mcp: {call.tool.mcp_server}</span> : null}
        <Badge value={STATUS_TONE[status]} label={status === 'ok' ? 'done' : status === 'pending' ? 'no result' : status} testId="tool-status" />
        {ms !== undefined ? <span className="muted">{duration(ms)}</span> : null}
        <AgentChip event={call} />
      </div>
      {block ? <BlockReason block={block} eventId={call.id} /> : null}
      {call.verdict && call.verdict.action !== 'block' ? <VerdictLine event={call} /> : null}
      <Field label="Input" id={call.id} field="input" value={call.input} testId="tool-input" />
      {output !== undefined ? <Field label="Output" id={result!.id} field="output" value={output} testId="tool-output" /> : null}
      {error ? <Field label="Error" id={(result ?? call).id} field="error" value={error} testId="tool-error" tone="error" /> : null}
      <QuietScans scans={scans.filter((s) => isQuiet(s.scan))} />
      {scans.filter((s) => !isQuiet(s.scan)).map((s) => (
        <ScanResult key={s.key} scan={s.scan} label={s.label} />
      ))}
      {[...otherDecisions, ...looseScans].map((e) => (
        <VerdictLine key={e.id} event={e} />
      ))}
      {guards.map((e) => (
        <GuardTurn key={e.id} event={e} />
      ))}
    </div>
  );
}

function Field({ label, id, field, value, testId, tone }: { label: string; id: string; field: string; value: unknown; testId: string; tone?: 'error' }) {
  const x = useExpand(`${id}:${field}`);
  if (value === undefined) return null;
  return (
    <div className="field-block">
      <div className="field-label">{label}</div>
      <LongText text={pretty(value)} className={tone === 'error' ? 'code code-error' : 'code'} testId={testId} {...x} />
    </div>
  );
}

