// Claude Code's OpenTelemetry log events (claude_code.*) → canonical events, onto the same
// sessions the hooks build: the session is `session.id`, and events that hooks also report get
// the ids the hook normaliser gives them (from tool_use_id and prompt.id), so with both capture
// paths on, an event is stored once (whichever arrives first). Claude Cowork exports the same
// events with user.email and workspace.host_paths; its sessions are client claude-cowork.
import type { VigilEvent } from '../../model/event.js';
import type { ClientId } from '../../model/kinds.js';
import { isoUtc } from '../../model/time.js';
import { claudeCodeToolKind, mcpNamedToolRef } from '../tools.js';
import { claudeCodeEventId } from './hook.js';
import { walkOtlpLogs, type OtlpLogsResult } from '../otlp/logs.js';
import { attrJson as json, attrNum as num, attrStr as str, nanosToMs, otlpAttributes, otlpValue } from '../otlp/values.js';

export type { OtlpLogsResult } from '../otlp/logs.js';

/** The tool's name as hooks report it: MCP tools as mcp__server__tool. */
function toolName(a: Record<string, unknown>): string {
  const name = str(a.tool_name) ?? 'unknown';
  const params = json(a.tool_parameters) as { mcp_server_name?: string; mcp_tool_name?: string } | undefined;
  if (name === 'mcp_tool' && params && typeof params === 'object' && params.mcp_server_name && params.mcp_tool_name) {
    return `mcp__${params.mcp_server_name}__${params.mcp_tool_name}`;
  }
  return name;
}

export function normaliseClaudeCodeOtlpLogs(request: unknown): OtlpLogsResult {
  return walkOtlpLogs(request, (res, out) => {
    const version = str(res['service.version']);
    const os = str(res['os.type']);
    const host = str(res['host.name']);
    let model: string | undefined;
    return (r) => {
      const a = otlpAttributes(r.attributes);
      const session = str(a['session.id']);
      const bodyName = str(otlpValue(r.body));
      const name = str(a['event.name']) ?? str(r.eventName) ?? (bodyName?.startsWith('claude_code.') ? bodyName.slice(12) : bodyName);
      const ts = str(a['event.timestamp']);
      const ms = ts ? Date.parse(ts) : nanosToMs(r.timeUnixNano ?? r.observedTimeUnixNano);
      if (!session || !name || !Number.isFinite(ms)) {
        out.rejected++;
        return;
      }
      if (name === 'api_request') model = str(a.model) ?? model;
      const cowork = str(res['service.name']) === 'claude-cowork' || a['workspace.host_paths'] !== undefined || res['workspace.host_paths'] !== undefined;
      const base = (id: string, kind: VigilEvent['kind']): VigilEvent => {
        const e: VigilEvent = { id, session_id: session, time: isoUtc(ms), kind, client: (cowork ? 'claude-cowork' : 'claude-code') as ClientId, capture: 'otlp' };
        if (version) e.client_version = version;
        const user = str(a['user.email']) ?? str(res['user.email']);
        if (user) e.user = user;
        if (os || host) e.device = { ...(host ? { hostname: host } : {}), ...(os ? { os } : {}) };
        const paths = a['workspace.host_paths'] ?? res['workspace.host_paths'];
        const cwd = Array.isArray(paths) ? str(paths[0]) : str(paths);
        if (cwd) e.cwd = cwd;
        if (model) e.model = model;
        e.raw = { event: name, attributes: a };
        return e;
      };
      const seqId = `cc:otlp:${session}:${ms}:${String(a['event.sequence'] ?? out.records)}`;
      const callId = str(a.tool_use_id);
      switch (name) {
        case 'user_prompt': {
          const promptId = str(a['prompt.id']);
          const e = base(promptId ? claudeCodeEventId(session, promptId, 'UserPromptSubmit') : seqId, 'prompt');
          const text = str(a.prompt) ?? str(a.prompt_text);
          e.text = text ?? `(prompt not exported: ${num(a.prompt_length) ?? '?'} characters; set OTEL_LOG_USER_PROMPTS=1)`;
          out.events.push(e);
          break;
        }
        case 'tool_result': {
          const ok = a.success === true || a.success === 'true';
          const hook = ok ? 'PostToolUse' : 'PostToolUseFailure';
          const e = base(callId ? claudeCodeEventId(session, callId, hook) : seqId, ok ? 'tool_result' : 'tool_error');
          e.tool = mcpNamedToolRef(toolName(a), claudeCodeToolKind, callId);
          if (a.tool_input !== undefined) e.input = json(a.tool_input);
          const d = num(a.duration_ms);
          if (d !== undefined && d >= 0) e.duration_ms = d;
          if (!ok) e.error = str(a.error) ?? str(a.error_type) ?? 'tool failed';
          out.events.push(e);
          break;
        }
        case 'tool_decision': {
          if (a.decision !== 'reject') {
            out.ignored++;
            break;
          }
          const e = base(callId ? claudeCodeEventId(session, callId, 'tool_decision') : seqId, 'notification');
          e.text = `Claude Code rejected ${toolName(a)} (${str(a.source) ?? 'unknown source'})`;
          out.events.push(e);
          break;
        }
        case 'api_error': {
          const e = base(seqId, 'notification');
          e.text = `API error${a.status_code !== undefined ? ` ${String(a.status_code)}` : ''}: ${str(a.error) ?? 'unknown'}`;
          out.events.push(e);
          break;
        }
        case 'assistant_response': {
          const text = str(a.response) ?? str(a.text) ?? str(a.content);
          if (!text) {
            out.ignored++;
            break;
          }
          const e = base(str(a['message.uuid']) ? `cc:tx:${a['message.uuid'] as string}` : seqId, 'response');
          e.text = text;
          out.events.push(e);
          break;
        }
        case 'mcp_server_connection': {
          const server = str(a.server_name);
          if (!server || a.status !== 'connected') {
            out.ignored++;
            break;
          }
          const e = base(seqId, 'notification');
          e.text = `MCP server ${server} connected (${str(a.transport_type) ?? 'unknown transport'})`;
          e.mcp_servers = [server];
          out.events.push(e);
          break;
        }
        default:
          out.ignored++;
      }
    };
  });
}
