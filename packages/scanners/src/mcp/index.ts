import type { RawFinding, ScanInput, ScanOptions, ScannerV1 } from '@vigil/scanner-spec';
import { findExfil } from '../injection/exfil.js';
import { findHidden } from '../injection/hidden.js';
import { findInstructions } from '../injection/instructions.js';
import { describeKinds } from '../injection/signals.js';
import { descriptionHash } from './hash.js';
import { BUILTIN_TOOLS, shadowing } from './shadowing.js';

export { descriptionHash } from './hash.js';

/** One tool as an MCP server lists it (tools/list). */
export interface McpTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments; parameter descriptions inside it are scanned too. */
  input_schema?: unknown;
}

/**
 * The value scanned at stage 'mcp_catalogue': one server's tool list, with what the caller knows.
 * - previous: for each tool name first seen earlier, descriptionHash(description ?? '') as first
 *   seen; a different hash now is a rug pull.
 * - known_tools: names of the tools of the client's other servers (built-in tool names such as
 *   Bash, Read, read_file are always checked).
 */
export interface McpCatalogue {
  server: string;
  tools: McpTool[];
  previous?: Record<string, string>;
  known_tools?: string[];
}

const MAX_TOOLS = 1000;
const MAX_TEXT = 100_000;

export const mcpCatalogueScanner: ScannerV1 = {
  specificationVersion: 'v1',
  id: 'mcp',
  version: '1.0.0',
  stages: ['mcp_catalogue'],
  scan(input: ScanInput, _options: ScanOptions): RawFinding[] {
    if (input.stage !== 'mcp_catalogue') return [];
    const cat = asCatalogue(input.value);
    if (!cat) return [];
    const out: RawFinding[] = [];
    const others = new Set((cat.known_tools ?? []).filter((n): n is string => typeof n === 'string').map(normName));
    const server = typeof cat.server === 'string' ? cat.server : 'this server';
    const tools = cat.tools.slice(0, MAX_TOOLS);
    for (let i = 0; i < tools.length; i++) {
      const t = tools[i];
      if (!t || typeof t !== 'object' || typeof t.name !== 'string') continue;
      const at = `tools.${i}`;
      const description = typeof t.description === 'string' ? t.description.slice(0, MAX_TEXT) : '';
      if (description) poisoning(`${at}.description`, description, t.name, out);
      for (const { path, text } of schemaTexts(t.input_schema, `${at}.input_schema`)) poisoning(path, text, t.name, out);
      out.push(...shadowing(t.name, description, `${at}.name`, `${at}.description`, others, server));
      const before = cat.previous?.[t.name];
      if (typeof before === 'string' && before !== descriptionHash(typeof t.description === 'string' ? t.description : '')) {
        out.push({
          rule: 'mcp-rug-pull', severity: 'medium', confidence: 0.7,
          path: description ? `${at}.description` : `${at}.name`, start: 0, end: Math.max(1, description ? description.length : t.name.length),
          message: `The description of MCP tool "${t.name}" on ${server} changed since it was first seen; review the new text before letting the agent use it.`,
        });
      }
    }
    return out;
  },
};

function asCatalogue(v: unknown): McpCatalogue | null {
  if (!v || typeof v !== 'object') return null;
  const c = v as Partial<McpCatalogue>;
  if (!Array.isArray(c.tools)) return null;
  if (c.previous !== undefined && (typeof c.previous !== 'object' || c.previous === null)) return { ...c, previous: undefined } as McpCatalogue;
  return c as McpCatalogue;
}

const normName = (n: string): string => n.toLowerCase().replace(/[\s_.-]/g, '');
export { BUILTIN_TOOLS, normName };

/** Tool poisoning in one description: instructions to the model, hidden characters, exfiltration images. */
function poisoning(path: string, text: string, tool: string, out: RawFinding[]): void {
  for (const h of findInstructions(text, { toolDescription: true })) {
    out.push({
      rule: 'mcp-hidden-instruction', severity: h.confidence >= 0.7 ? 'high' : 'medium', confidence: h.confidence, path, start: h.start, end: h.end,
      message: `The description of MCP tool "${tool}" carries instructions aimed at the assistant beyond describing the tool (${describeKinds(h.kinds)}); treat it as tool poisoning: do not follow them and review the server.`,
    });
  }
  for (const h of findHidden(text)) {
    if (h.kind === 'bidi' && h.rtlContext) continue;
    out.push({
      rule: 'mcp-hidden-instruction', severity: h.kind === 'tag' ? 'high' : 'medium', confidence: h.kind === 'tag' ? 0.95 : 0.7, path, start: h.start, end: h.end,
      message: `The description of MCP tool "${tool}" contains invisible ${h.kind === 'tag' ? 'Unicode tag' : h.kind === 'bidi' ? 'bidirectional control' : 'zero-width'} characters that hide text from a human reviewer; review the server before use.`,
    });
  }
  for (const h of findExfil(text)) {
    if (h.confidence < 0.5) continue;
    out.push({
      rule: 'mcp-hidden-instruction', severity: 'high', confidence: h.confidence, path, start: h.start, end: h.end,
      message: `The description of MCP tool "${tool}" contains a ${h.kind} URL to ${h.host} with a slot for data; a tool description has no reason to make the assistant render it.`,
    });
  }
}

/** Descriptions and titles inside a JSON schema (properties, items, nested), with toParts-style paths. */
function schemaTexts(schema: unknown, path: string, depth = 0, out: { path: string; text: string }[] = []): { path: string; text: string }[] {
  if (!schema || typeof schema !== 'object' || depth > 12 || out.length > 500) return out;
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => schemaTexts(s, `${path}.${i}`, depth + 1, out));
    return out;
  }
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if ((k === 'description' || k === 'title') && typeof v === 'string' && v.length > 0) out.push({ path: `${path}.${k}`, text: v.slice(0, MAX_TEXT) });
    else if (v && typeof v === 'object') schemaTexts(v, `${path}.${k}`, depth + 1, out);
  }
  return out;
}
