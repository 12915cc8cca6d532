import type { ScanRecord } from '@vigil/core';
import { descriptionHash } from '@vigil/scanners';
import type { Store } from '../repositories/store.js';
import { badRequest } from './errors.js';
import type { ScanningService } from './scanning.service.js';

const MAX_TOOLS = 2000;
const MAX_TEXT = 64 * 1024;

export interface CatalogueTool {
  name: string;
  description?: string;
  input_schema?: Record<string, unknown>;
}

export interface CatalogueResult {
  server: string;
  tools: number;
  /** Tools not seen before on this server. */
  new_tools: number;
  scan: ScanRecord;
}

function read(body: unknown): { server: string; client: string; tools: CatalogueTool[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be {"server": "...", "tools": [{"name", "description", "input_schema"}], "client"?}');
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) if (!['server', 'tools', 'client'].includes(k)) throw badRequest(`unknown field "${k}"; known: server, tools, client`);
  if (typeof b.server !== 'string' || b.server === '' || b.server.length > 256) throw badRequest('"server" must be the MCP server\'s name (1-256 characters)');
  if (b.client !== undefined && (typeof b.client !== 'string' || b.client.length > 64)) throw badRequest('"client" must be a client id');
  if (!Array.isArray(b.tools) || b.tools.length > MAX_TOOLS) throw badRequest(`"tools" must be a list of at most ${MAX_TOOLS} tools (as the server's tools/list returns them)`);
  const tools = b.tools.map((t: unknown, i): CatalogueTool => {
    const at = `tools[${i}]`;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw badRequest(`${at} must be an object`);
    const o = t as Record<string, unknown>;
    if (typeof o.name !== 'string' || o.name === '' || o.name.length > 256) throw badRequest(`${at}.name must be a non-empty string`);
    if (o.description !== undefined && (typeof o.description !== 'string' || o.description.length > MAX_TEXT)) throw badRequest(`${at}.description must be a string of at most ${MAX_TEXT} characters`);
    const schema = o.input_schema ?? o.inputSchema;
    if (schema !== undefined && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) throw badRequest(`${at}.input_schema must be an object`);
    const out: CatalogueTool = { name: o.name };
    if (o.description !== undefined) out.description = o.description as string;
    if (schema !== undefined) out.input_schema = schema as Record<string, unknown>;
    return out;
  });
  return { server: b.server, client: (b.client as string | undefined) ?? 'other', tools };
}

/**
 * MCP tool catalogues (a server's tools/list), scanned for hidden instructions and shadowing,
 * and compared with what was first seen (a changed description is a rug pull). Flagged
 * catalogues are audited.
 */
export class McpService {
  constructor(
    private readonly store: Store,
    private readonly scanning: ScanningService,
  ) {}

  async catalogue(body: unknown, actor: string, nowMs: number = Date.now()): Promise<CatalogueResult> {
    const { server, client, tools } = read(body);
    const known = await this.store.mcp.known(server);
    const value = { server, tools, previous: Object.fromEntries(known), known_tools: await this.store.mcp.otherTools(server) };
    const { record } = this.scanning.engine().scan('mcp_catalogue', client, { name: `mcp__${server}`, kind: 'mcp', mcp_server: server }, [{ field: 'input', value }]);
    await this.store.transaction(async (repos) => {
      await repos.mcp.record(server, tools.map((t) => ({ name: t.name, description_hash: descriptionHash(t.description ?? '') })), nowMs);
      if (record.action !== 'pass') {
        await repos.audit.append({ time_ms: nowMs, actor, action: 'mcp.catalogue_flagged', resource: `mcp/${server}`, details: { action: record.action, findings: record.findings } });
      }
    });
    return { server, tools: tools.length, new_tools: tools.filter((t) => !known.has(t.name)).length, scan: record };
  }
}
