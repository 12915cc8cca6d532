// Codex CLI's OpenTelemetry log events (codex.*, [otel] exporter in config.toml) → canonical
// events on the sessions the Codex hooks build: the session is `conversation.id`, the same id the
// hooks carry as session_id. A tool's result gets the id the hook normaliser gives PostToolUse
// (cx:<session>:<call_id>:<HookEvent>, call_id = the hooks' tool_use_id), so with both capture
// paths on it is stored once. Codex has no failure hook: a failed call keeps the PostToolUse id.
// Checked against codex-cli 0.169.0 (fixtures/otlp/codex).
import type { ToolRef, VigilEvent } from '../../model/event.js';
import { isoUtc } from '../../model/time.js';
import { parseMcpToolName, toolRefOf } from '../tools.js';
import { codexEventId } from './hook.js';
import { codexHookToolName, codexToolKind } from './tools.js';
import { otlpLogRecords, otlpResourceLogs, walkOtlpLogs, type OtlpLogsResult, type OtlpResourceLogs } from '../otlp/logs.js';
import { attrJson as json, attrNum as num, attrStr as str, nanosToMs, otlpAttributes } from '../otlp/values.js';

/**
 * The tool as the hooks name it (shell tools as Bash, MCP tools as mcp__<server>__<tool>), so a
 * session captured both ways lists each tool once. Codex reports an MCP call
 * as tool_name get_forecast in tool_namespace mcp__weather (and mcp_server weather on results).
 */
function toolRef(a: Record<string, unknown>): ToolRef {
  let name = codexHookToolName(str(a.tool_name) ?? 'unknown');
  const ns = str(a.tool_namespace);
  const server = str(a.mcp_server);
  if (!name.startsWith('mcp__')) {
    if (ns?.startsWith('mcp__')) name = `${ns.replace(/_+$/, '')}__${name}`;
    else if (server) name = `mcp__${server}__${name}`;
  }
  const mcp = parseMcpToolName(name);
  return toolRefOf(name, codexToolKind(name), mcp ? (server ?? mcp.server) : undefined, str(a.call_id));
}

/** A shell call that ran but exited non-zero: Codex reports success "true" with the exit code in the output. */
function shellExit(tool: ToolRef, output: string | undefined): number | undefined {
  if (tool.kind !== 'shell' || !output) return undefined;
  const m = /^Process exited with code (-?\d+)$/m.exec(output);
  return m ? Number(m[1]) : undefined;
}

/** Whether a resourceLogs entry comes from Codex: its service.name (codex_exec, codex_cli_rs, …) or its records' event names. */
export function isCodexResourceLogs(rl: unknown): boolean {
  const r = rl as OtlpResourceLogs | null;
  if (typeof r !== 'object' || r === null) return false;
  const service = str(otlpAttributes(r.resource?.attributes)['service.name']);
  if (service) return service.startsWith('codex');
  for (const rec of otlpLogRecords(r)) {
    const name = str(otlpAttributes(rec?.attributes)['event.name']) ?? str(rec?.eventName);
    if (name) return name.startsWith('codex.');
  }
  return false;
}

/** One logs export split by client: Codex's resourceLogs, and everything else (Claude Code's). */
export function splitCodexOtlpLogs(request: unknown): { codex: { resourceLogs: unknown[] }; rest: { resourceLogs: unknown[] } } {
  const list = otlpResourceLogs(request);
  return { codex: { resourceLogs: list.filter(isCodexResourceLogs) }, rest: { resourceLogs: list.filter((rl) => !isCodexResourceLogs(rl)) } };
}

export function normaliseCodexOtlpLogs(request: unknown): OtlpLogsResult {
  return walkOtlpLogs(request, (res, out) => {
    const host = str(res['host.name']);
    const os = str(res['os']) ?? str(res['os.type']);
    return (r) => {
      const a = otlpAttributes(r.attributes);
      const full = str(a['event.name']) ?? str(r.eventName);
      // Codex also exports plain tracing lines (e.g. "flushing OTEL metrics"): no event, no session.
      if (!full?.startsWith('codex.')) {
        out.ignored++;
        return;
      }
      const name = full.slice(6);
      const session = str(a['conversation.id']);
      // Codex sets timeUnixNano to 0; event.timestamp has the millisecond, observedTimeUnixNano the rest.
      const observed = r.observedTimeUnixNano ?? r.timeUnixNano;
      const ts = str(a['event.timestamp']);
      let ms = ts ? Date.parse(ts) : NaN;
      if (!Number.isFinite(ms)) ms = nanosToMs(observed);
      if (!session || !Number.isFinite(ms) || ms <= 0) {
        out.rejected++;
        return;
      }
      const base = (id: string, kind: VigilEvent['kind']): VigilEvent => {
        const e: VigilEvent = { id, session_id: session, time: isoUtc(ms), kind, client: 'codex', capture: 'otlp' };
        // Within one millisecond, order by the nanoseconds Codex observed the record at.
        const nanos = typeof observed === 'string' && /^\d{7,20}$/.test(observed) ? Number(observed.slice(-6)) : undefined;
        if (nanos !== undefined) e.seq = nanos;
        const version = str(a['app.version']) ?? str(res['service.version']);
        if (version) e.client_version = version;
        const user = str(a['user.email']) ?? str(a['user.account_id']);
        if (user) e.user = user;
        if (host || os) e.device = { ...(host ? { hostname: host } : {}), ...(os ? { os } : {}) };
        const model = str(a.model);
        if (model) e.model = model;
        e.raw = { event: full, attributes: a };
        return e;
      };
      const seqId = `cx:otlp:${session}:${ms}:${String(observed ?? out.records)}`;
      const callId = str(a.call_id);
      switch (name) {
        case 'conversation_starts': {
          const e = base(`cx:otlp:${session}:conversation_starts`, 'session_start');
          const parts = [str(a.provider_name) && `provider ${String(a.provider_name)}`, str(a.approval_policy) && `approval ${String(a.approval_policy)}`, str(a.sandbox_policy) && `sandbox ${String(a.sandbox_policy)}`].filter(Boolean);
          e.text = `Codex session started (${[str(a.originator) ?? 'codex', ...parts].join(', ')})`;
          const servers = (str(a.mcp_servers) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
          if (servers.length) e.mcp_servers = servers;
          out.events.push(e);
          break;
        }
        case 'user_prompt': {
          const e = base(seqId, 'prompt');
          const text = str(a.prompt);
          e.text = text && text !== '[REDACTED]' ? text : `(prompt not exported: ${num(a.prompt_length) ?? '?'} characters; set log_user_prompt = true under [otel])`;
          out.events.push(e);
          break;
        }
        case 'tool_result': {
          const tool = toolRef(a);
          const output = str(a.output);
          const exit = shellExit(tool, output);
          const ok = (a.success === true || a.success === 'true') && (exit === undefined || exit === 0);
          const e = base(callId ? codexEventId(session, callId, 'PostToolUse') : seqId, ok ? 'tool_result' : 'tool_error');
          e.tool = tool;
          if (a.arguments !== undefined) e.input = json(a.arguments);
          if (output !== undefined) e.output = output;
          const d = num(a.duration_ms);
          if (d !== undefined && d >= 0) e.duration_ms = Math.round(d);
          if (!ok) e.error = exit ? `exit code ${exit}` : (output ?? 'tool failed').slice(0, 2000);
          out.events.push(e);
          break;
        }
        case 'tool_decision': {
          // Approvals are the normal path (the result follows); a denial or abort is worth a line.
          const decision = str(a.decision) ?? 'unknown';
          if (decision.startsWith('approved')) {
            out.ignored++;
            break;
          }
          const e = base(callId ? codexEventId(session, callId, 'tool_decision') : seqId, 'notification');
          e.tool = toolRef(a);
          e.text = `Codex ${decision === 'denied' ? 'denied' : `decision "${decision}" for`} ${e.tool.name} (${str(a.source) ?? 'unknown source'})`;
          out.events.push(e);
          break;
        }
        case 'api_request': {
          const status = num(a['http.response.status_code']);
          const error = str(a['error.message']);
          if (!error && (status === undefined || status < 400)) {
            out.ignored++;
            break;
          }
          const e = base(seqId, 'notification');
          e.text = `API error${status !== undefined ? ` ${status}` : ''}: ${error ?? 'request failed'}`;
          out.events.push(e);
          break;
        }
        default:
          // Bookkeeping (sse_event, startup_phase, turn_ttft, websocket_*, sandbox_outcome, …)
          // carries no session content; events a newer Codex adds land here too.
          out.ignored++;
      }
    };
  });
}
