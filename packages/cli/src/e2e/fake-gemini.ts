// A scripted stand-in for the Gemini API (generativelanguage v1beta), so the real Gemini CLI runs
// offline in tests: point it here with GOOGLE_GEMINI_BASE_URL and any GEMINI_API_KEY. Answers
// streamGenerateContent (SSE), generateContent and countTokens. Each turn's reply is picked by
// how many function responses the request already holds.
import { sendJson, startStandIn } from './stand-in.js';

/** A part of a model reply: text, or a function (tool) call. */
export type GeminiPart = { text: string } | { functionCall: { name: string; args: Record<string, unknown> } };

export interface FakeGemini {
  url: string;
  /** Every generate request body received, in order. */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

function functionResponses(body: Record<string, unknown>): number {
  let n = 0;
  for (const c of (body.contents as { parts?: unknown }[] | undefined) ?? []) {
    if (Array.isArray(c?.parts)) n += c.parts.filter((p: { functionResponse?: unknown }) => p?.functionResponse !== undefined).length;
  }
  return n;
}

/** `script[k]` answers the turn after k function responses; side requests (no tools) get a short text. */
export async function startFakeGemini(script: GeminiPart[][]): Promise<FakeGemini> {
  const { origin, requests, close } = await startStandIn((req, res, record) => {
    const { path } = req;
    if (req.method !== 'POST' || !path.includes('/models/')) return sendJson(res, 404, { error: { code: 404, message: 'not here', status: 'NOT_FOUND' } });
    const b = (req.body ? JSON.parse(req.body) : {}) as Record<string, unknown>;
    if (path.endsWith(':countTokens')) return sendJson(res, 200, { totalTokens: 100 });
    const n = record(b);
    const model = decodeURIComponent(path.slice(path.indexOf('/models/') + 8).split(':')[0] ?? 'gemini-2.5-flash');
    const hasTools = Array.isArray(b.tools) && b.tools.length > 0;
    const parts = hasTools ? (script[Math.min(functionResponses(b), script.length - 1)] ?? [{ text: 'done' }]) : [{ text: 'Vigil e2e' }];
    const reply = {
      candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 50, candidatesTokenCount: 10, totalTokenCount: 60 },
      modelVersion: model,
      responseId: `resp_e2e_${n}`,
    };
    if (path.endsWith(':streamGenerateContent')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${JSON.stringify(reply)}\r\n\r\n`);
    } else if (path.endsWith(':generateContent')) sendJson(res, 200, reply);
    else sendJson(res, 404, { error: { code: 404, message: `unknown method ${path}`, status: 'NOT_FOUND' } });
  });
  return { url: origin, requests, close };
}
