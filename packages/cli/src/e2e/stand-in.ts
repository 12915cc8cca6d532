// The HTTP scaffold the scripted model-API stand-ins share: a server on 127.0.0.1 (a free port)
// that reads each request's whole body and hands it, with the method and path, to the API's
// handler; the handler answers (JSON or SSE) and records the request bodies it serves.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  method: string | undefined;
  /** The URL's path, without the query. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body as text ('' when there is none). */
  body: string;
}

/** Answers one request; `record` keeps a request body in the stand-in's `requests` and returns how many it holds. */
export type StandInHandler = (req: StandInRequest, res: http.ServerResponse, record: (body: Record<string, unknown>) => number) => void;

export interface StandIn {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The request bodies the handler recorded, in order. */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

/** A JSON response. */
export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

/** One server-sent event with a JSON payload. */
export function sendSse(res: http.ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export async function startStandIn(handle: StandInHandler): Promise<StandIn> {
  const requests: Record<string, unknown>[] = [];
  const record = (body: Record<string, unknown>): number => requests.push(body);
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handle({ method: req.method, path: (req.url ?? '').split('?')[0] ?? '', headers: req.headers, body }, res, record));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
