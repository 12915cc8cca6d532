// A scripted stand-in for the OpenAI Responses API (POST /v1/responses, streamed), so the real
// Codex CLI runs offline in tests. It streams the events Codex reads: response.created, one
// response.output_item.done per item (reasoning, message, function_call), response.completed.
// Each turn's reply is picked by how many tool outputs the request already holds.
import type http from 'node:http';
import { sendJson, sendSse, startStandIn } from './stand-in.js';

export type Item =
  | { type: 'reasoning'; text: string }
  | { type: 'message'; text: string }
  /** A function tool call; `arguments` is sent JSON-encoded, as the API does. */
  | { type: 'function_call'; name: string; arguments: Record<string, unknown>; namespace?: string }
  /** A freeform (custom) tool call, as Codex's apply_patch is: `input` is the raw text. */
  | { type: 'custom_tool_call'; name: string; input: string }
  /** Codex's client-side tool_search (MCP tools are deferred behind it); then call them with `namespace`. */
  | { type: 'tool_search_call'; query: string };

export interface FakeOpenAi {
  /** The base URL to give Codex (ends in /v1). */
  url: string;
  /** Every /v1/responses request body received, in order. */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

// Real call ids are unique; so are these, across the stand-ins a test process starts.
let instances = 0;

/** An event named by its payload's type, as the Responses API streams them. */
function sse(res: http.ServerResponse, data: Record<string, unknown>): void {
  sendSse(res, String(data.type), data);
}

function wireItem(it: Item, id: string): Record<string, unknown> {
  switch (it.type) {
    case 'reasoning':
      return { type: 'reasoning', id: `rs_${id}`, summary: [{ type: 'summary_text', text: it.text }] };
    case 'message':
      return { type: 'message', id: `msg_${id}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: it.text, annotations: [] }] };
    case 'function_call':
      return { type: 'function_call', id: `fc_${id}`, call_id: `call_${id}`, name: it.name, ...(it.namespace ? { namespace: it.namespace } : {}), arguments: JSON.stringify(it.arguments), status: 'completed' };
    case 'custom_tool_call':
      return { type: 'custom_tool_call', id: `ctc_${id}`, call_id: `call_${id}`, name: it.name, input: it.input, status: 'completed' };
    case 'tool_search_call':
      return { type: 'tool_search_call', id: `tsc_${id}`, call_id: `call_${id}`, execution: 'client', status: 'completed', arguments: { query: it.query } };
  }
}

function stream(res: http.ServerResponse, model: string, items: Item[], turn: number, instance: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': `req_${instance}_${turn}` });
  const rid = `resp_e2e_${instance}_${turn}_${Date.now()}`;
  const base = { id: rid, object: 'response', created_at: Math.floor(Date.now() / 1000), model, status: 'in_progress', output: [] };
  sse(res, { type: 'response.created', response: base });
  const output = items.map((it, i) => wireItem(it, `e2e_${instance}_${turn}_${i}`));
  output.forEach((item, output_index) => {
    sse(res, { type: 'response.output_item.added', output_index, item });
    if (item.type === 'message') {
      const text = (item.content as { text: string }[])[0]!.text;
      sse(res, { type: 'response.output_text.delta', item_id: item.id, output_index, content_index: 0, delta: text });
    }
    sse(res, { type: 'response.output_item.done', output_index, item });
  });
  sse(res, {
    type: 'response.completed',
    response: { ...base, status: 'completed', output, usage: { input_tokens: 120, input_tokens_details: { cached_tokens: 0 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 150 } },
  });
  res.end();
}

function toolOutputs(body: Record<string, unknown>): number {
  const input = Array.isArray(body.input) ? (body.input as { type?: string }[]) : [];
  return input.filter((i) => i?.type === 'function_call_output' || i?.type === 'custom_tool_call_output' || i?.type === 'tool_search_output').length;
}

/** `script[k]` answers the turn after k tool outputs; past the end, a short closing message. */
export async function startFakeOpenAi(script: Item[][]): Promise<FakeOpenAi> {
  const instance = ++instances;
  const { origin, requests, close } = await startStandIn((req, res, record) => {
    const { method, path } = req;
    if (method === 'GET' && path === '/v1/models') return sendJson(res, 200, { object: 'list', data: [], models: [] });
    if (method !== 'POST' || path !== '/v1/responses') return sendJson(res, 404, { error: { type: 'invalid_request_error', message: `no route ${method} ${path}` } });
    let b: Record<string, unknown>;
    try {
      b = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { error: { type: 'invalid_request_error', message: 'body is not JSON' } });
    }
    record(b);
    const turn = toolOutputs(b);
    // A subagent's requests (Codex marks them) get a short answer, not the main script.
    const items: Item[] = req.headers['x-openai-subagent'] ? [{ type: 'message', text: 'Subagent done.' }] : (script[turn] ?? [{ type: 'message', text: 'done' }]);
    stream(res, String(b.model ?? 'gpt-5-codex'), items, turn, instance);
  });
  return { url: `${origin}/v1`, requests, close };
}
