// A scripted stand-in for the Anthropic Messages API, so the real Claude Code binary runs
// offline in tests. It streams (SSE) the way the API does: thinking, text and tool_use blocks.
// Each conversation turn's reply is picked by how many tool results the request already holds.
import type http from 'node:http';
import { sendJson, sendSse as sse, startStandIn } from './stand-in.js';

export type Block =
  | { type: 'thinking'; thinking: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; name: string; input: Record<string, unknown> };

export interface FakeApi {
  url: string;
  /** Every /v1/messages request body received, in order. */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

// Real tool_use ids are unique; so are these, across the stand-ins a test process starts.
let instances = 0;

function stream(res: http.ServerResponse, model: string, blocks: Block[], turn: number, instance: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'request-id': `req_${turn}` });
  const id = `msg_e2e_${turn}_${Date.now()}`;
  sse(res, 'message_start', { type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 50, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } });
  blocks.forEach((b, index) => {
    if (b.type === 'thinking') {
      sse(res, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: b.thinking } });
      sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'c2lnbmF0dXJl' } });
    } else if (b.type === 'text') {
      sse(res, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } });
    } else {
      sse(res, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: `toolu_e2e_${instance}_${turn}_${index}`, name: b.name, input: {} } });
      sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) } });
    }
    sse(res, 'content_block_stop', { type: 'content_block_stop', index });
  });
  const toolUse = blocks.some((b) => b.type === 'tool_use');
  sse(res, 'message_delta', { type: 'message_delta', delta: { stop_reason: toolUse ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 20 } });
  sse(res, 'message_stop', { type: 'message_stop' });
  res.end();
}

function toolResults(body: Record<string, unknown>): number {
  let n = 0;
  for (const m of (body.messages as { content?: unknown }[] | undefined) ?? []) {
    if (Array.isArray(m.content)) n += m.content.filter((c: { type?: string }) => c?.type === 'tool_result').length;
  }
  return n;
}

/** `script[k]` answers the turn after k tool results; side requests (no tools) get a short text. */
export async function startFakeAnthropic(script: Block[][]): Promise<FakeApi> {
  const instance = ++instances;
  const { origin, requests, close } = await startStandIn((req, res, record) => {
    const { method, path } = req;
    if (method === 'POST' && path === '/v1/messages/count_tokens') return sendJson(res, 200, { input_tokens: 100 });
    if (method !== 'POST' || path !== '/v1/messages') return sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'not here' } });
    const b = JSON.parse(req.body) as Record<string, unknown>;
    record(b);
    const model = String(b.model ?? 'claude-sonnet-4-5');
    const hasTools = Array.isArray(b.tools) && b.tools.length > 0;
    const blocks: Block[] = hasTools ? (script[Math.min(toolResults(b), script.length - 1)] ?? [{ type: 'text', text: 'done' }]) : [{ type: 'text', text: 'Vigil e2e' }];
    if (b.stream) stream(res, model, blocks, toolResults(b), instance);
    else sendJson(res, 200, { id: 'msg_side', type: 'message', role: 'assistant', model, content: blocks.filter((x) => x.type === 'text'), stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 } });
  });
  return { url: origin, requests, close };
}
