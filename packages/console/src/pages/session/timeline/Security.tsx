// Security records in the timeline: scanner results, decisions and AgentGuard turns.
import type { Evidence, ScanRecord, VigilEvent } from '../../../api/types';
import { Badge } from '../../../components/Badge';
import { MaskedText } from '../../../components/MaskedText';
import { pretty, truncate } from '../../../format';
import { Link } from '../../../router';
import { auditHref, type Block } from '../verdicts';

/** A scan with nothing to say: one quiet line. */
export const isQuiet = (scan: ScanRecord): boolean =>
  scan.action === 'pass' && (scan.findings ?? []).length === 0 && !(scan.scanners ?? []).some((s) => s.outcome === 'error') && !scan.unscanned_bytes;

/** Quiet scans of one item side by side, each still its own scan-result. */
export function QuietScans({ scans }: { scans: { key: string; label: string; scan: ScanRecord }[] }) {
  if (scans.length === 0) return null;
  return (
    <div className="scan-quiet">
      {scans.map((s) => (
        <span key={s.key} className="scan-inline" data-testid="scan-result" data-action={s.scan.action} title={(s.scan.scanners ?? []).map((r) => r.scanner).join(', ')}>
          Scanned {s.label}
          <Badge value={s.scan.disabled ? 'off' : s.scan.action} />
        </span>
      ))}
    </div>
  );
}

export function ScanResult({ scan, label }: { scan: ScanRecord; label: string }) {
  const scanners = scan.scanners ?? [];
  const findings = scan.findings ?? [];
  const ran = scanners.filter((s) => s.outcome !== 'off');
  const failed = scanners.filter((s) => s.outcome === 'error');
  return (
    <div className={`scan scan-${scan.action}`} data-testid="scan-result" data-action={scan.action}>
      <div className="scan-head">
        <span className="scan-title">Scanners · {label}</span>
        <Badge value={scan.action} />
        {scan.disabled ? (
          <span className="muted">scanning was off</span>
        ) : (
          <span className="muted" title={ran.map((s) => s.scanner).join(', ')}>
            {ran.length} ran
          </span>
        )}
        {failed.length > 0 ? <span className="text-red">{failed.length} failed</span> : null}
        {scan.unscanned_bytes ? <span className="text-amber">{scan.unscanned_bytes.toLocaleString()} bytes not scanned (over the limit)</span> : null}
      </div>
      {findings.length > 0 ? (
        <ul className="findings">
          {findings.map((f, i) => (
            <li key={i} data-testid="scan-finding">
              <Badge value={f.severity} />
              <span className="mono">
                {f.scanner}/{f.rule}
              </span>
              <Badge value={f.action} />
              <span className="finding-msg">{f.message}</span>
              {f.field ? (
                <span className="muted mono">
                  {f.field}
                  {f.path ? ` ${f.path}` : ''}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {/* Run timings matter when something was found or failed; a clean pass stays one line. */}
      {scanners.length > 0 && (findings.length > 0 || failed.length > 0) ? (
        <details className="scan-runs">
          <summary>Scanner runs</summary>
          <table className="table mini">
            <tbody>
              {scanners.map((s) => (
                <tr key={s.scanner}>
                  <td className="mono">{s.scanner}</td>
                  <td className="muted">{s.version}</td>
                  <td>{s.mode}</td>
                  <td>
                    <Badge value={s.outcome} />
                  </td>
                  <td className="num">{typeof s.ms === 'number' ? s.ms.toFixed(2) : '–'} ms</td>
                  <td className="num">{s.findings} findings</td>
                  <td className="text-red">{s.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}

/** A blocked call: what the agent was told, and where the audit log has the decision. */
export function BlockReason({ block, eventId }: { block: Block; eventId: string }) {
  return (
    <div className="verdict verdict-block">
      <Badge value="block" label="Blocked" />
      {block.source ? <span className="mono muted">{block.source}</span> : null}
      <span className="verdict-reason" data-testid="block-reason">
        <MaskedText text={block.reason} />
      </span>
      <Link to={auditHref(eventId)} className="audit-link" data-testid="audit-link">
        Audit log
      </Link>
    </div>
  );
}

/** A decision that is not a block (alert, mask), or a verdict carried by an event. */
export function VerdictLine({ event }: { event: VigilEvent }) {
  const v = event.verdict;
  if (!v) return null;
  const rule = [v.source, v.rule].filter(Boolean).join('/');
  return (
    <div className={`verdict verdict-${v.action}`} data-testid="verdict" data-action={v.action}>
      <Badge value={v.action} />
      {v.severity ? <Badge value={v.severity} /> : null}
      {rule ? <span className="mono muted">{rule}</span> : null}
      {v.reason ?? event.text ? (
        <span className="verdict-reason">
          <MaskedText text={v.reason ?? event.text ?? ''} />
        </span>
      ) : null}
    </div>
  );
}

export function GuardTurn({ event }: { event: VigilEvent }) {
  const v = event.verdict;
  const explanation = event.text ?? v?.reason ?? '';
  const rule = [v?.source, v?.rule].filter(Boolean).join(' · ');
  return (
    <div className={`guard guard-${v?.action ?? 'alert'}`} data-testid="guard-turn" data-action={v?.action}>
      <div className="guard-head">
        <span className="guard-title">AgentGuard</span>
        {v ? <Badge value={v.action} /> : null}
        {rule ? <span className="mono muted">{rule}</span> : null}
        {typeof v?.score === 'number' ? (
          <span className="guard-score" data-testid="guard-score" title="How sure the detector is that the session is hijacked (0 to 1)">
            score {v.score.toFixed(2)}
          </span>
        ) : null}
      </div>
      <p className="guard-explanation" data-testid="guard-explanation">
        <MaskedText text={explanation} />
      </p>
      {v?.evidence && v.evidence.length > 0 ? (
        <ol className="evidence" data-testid="guard-evidence">
          {v.evidence.map((x, i) => (
            <EvidenceRow key={i} x={x} />
          ))}
        </ol>
      ) : null}
    </div>
  );
}

const KNOWN = new Set(['step', 'event_id', 'role', 'tool', 'path', 'span', 'value']);

function EvidenceRow({ x }: { x: Evidence }) {
  const str = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : pretty(v));
  const extra = Object.entries(x).filter(([k]) => !KNOWN.has(k));
  return (
    <li>
      {x.step !== undefined ? <span className="ev-step">step {str(x.step)}</span> : null}
      {x.role ? <span className="badge badge-grey">{str(x.role)}</span> : null}
      {x.tool ? <span className="mono">{str(x.tool)}</span> : null}
      {x.path ? <span className="mono muted">{str(x.path)}</span> : null}
      {x.value !== undefined ? (
        <code className="ev-value">
          <MaskedText text={truncate(str(x.value), 300)} />
        </code>
      ) : null}
      {x.span !== undefined ? <span className="muted mono">span {str(x.span)}</span> : null}
      {x.event_id ? <span className="muted mono ev-id">{str(x.event_id)}</span> : null}
      {extra.map(([k, v]) => (
        <span key={k} className="muted">
          {k}: {truncate(str(v), 120)}
        </span>
      ))}
    </li>
  );
}
