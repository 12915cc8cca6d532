// Event generation for the ingest benchmark. Shapes come from a real Claude Code capture
// (hook payloads and a transcript), read at run time; content is varied per session with a
// seeded PRNG so every run, and both engines, see the same events.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { classifyTopic, type ClientId, type Device, type ToolKind, type Verdict, type VigilEvent } from '@vigil/core';

type Json = Record<string, unknown>;

/** What the bench takes from the capture. */
export interface Dataset {
  /** Hook payloads by hook_event_name, in capture order. */
  hooks: Map<string, Json[]>;
  /** PostToolUse tool_response by tool_name, to copy response shapes from. */
  responses: Map<string, unknown>;
  thinking: string[];
  replies: string[];
  prompts: string[];
  model: string;
  version: string;
}

const REQUIRED_HOOKS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'Stop', 'SessionEnd'];

export function loadDataset(dir: string): Dataset {
  const hooks = new Map<string, Json[]>();
  const responses = new Map<string, unknown>();
  for (const f of readdirSync(join(dir, 'hooks')).filter((f) => f.endsWith('.json')).sort()) {
    const p = JSON.parse(readFileSync(join(dir, 'hooks', f), 'utf8')) as Json;
    const name = String(p.hook_event_name);
    hooks.set(name, [...(hooks.get(name) ?? []), p]);
    if (name === 'PostToolUse') responses.set(String(p.tool_name), p.tool_response);
  }
  for (const h of REQUIRED_HOOKS) if (!hooks.has(h)) throw new Error(`${dir}/hooks has no ${h} payload`);

  const d: Dataset = { hooks, responses, thinking: [], replies: [], prompts: [], model: 'claude-sonnet-4-5', version: '2.1.0' };
  for (const line of readFileSync(join(dir, 'transcript.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { type?: string; version?: string; message?: { model?: string; content?: unknown } };
    const content = o.message?.content;
    if (o.type === 'user' && typeof content === 'string') d.prompts.push(content);
    if (o.type !== 'assistant' || !Array.isArray(content)) continue;
    if (o.message?.model) d.model = o.message.model;
    if (o.version) d.version = o.version;
    for (const b of content as { type?: string; text?: string; thinking?: string }[]) {
      if (b.type === 'thinking' && b.thinking) d.thinking.push(b.thinking);
      if (b.type === 'text' && b.text) d.replies.push(b.text);
    }
  }
  return d;
}

// ---- seeded randomness -------------------------------------------------------------------

/** mulberry32: small, fast, good enough to vary benchmark content reproducibly. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/** Log-uniform: many short outputs, a long tail of large ones, like real tool output. */
const logUniform = (r: Rand, lo: number, hi: number) => Math.round(lo * Math.exp(r() * Math.log(hi / lo)));
const hex = (r: Rand, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const uuid = (r: Rand) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;

// ---- vocabulary ----------------------------------------------------------------------------

const NOUNS = ['user', 'session', 'invoice', 'order', 'payment', 'token', 'config', 'report', 'cache', 'queue', 'account', 'forecast', 'parser', 'router', 'schema', 'metric', 'upload', 'webhook', 'tenant', 'profile'];
const VERBS = ['load', 'save', 'parse', 'validate', 'render', 'fetch', 'update', 'delete', 'sync', 'retry', 'format', 'resolve'];
const PROJECTS = ['weather-app', 'billing-service', 'web-frontend', 'ml-pipeline', 'infra-terraform', 'mobile-app', 'docs-site', 'auth-gateway', 'data-warehouse', 'cli-tools', 'search-api', 'payments-sdk', 'admin-console', 'etl-jobs', 'chat-bot', 'notification-service', 'analytics-dashboard', 'game-server', 'k8s-operators', 'design-system'];
const DIRS = ['src', 'src/lib', 'src/api', 'src/components', 'src/services', 'tests', 'scripts', 'lib', 'app/models', 'internal/handlers'];
const EXTS = ['.ts', '.ts', '.tsx', '.py', '.go', '.rs', '.md', '.json', '.yaml'];
const FIRST = ['ana', 'ben', 'chen', 'dara', 'elif', 'farid', 'greta', 'hiro', 'ines', 'jonas', 'kemi', 'lars', 'maya', 'nils', 'olga', 'priya', 'quinn', 'rosa', 'sami', 'tomas'];
const LAST = ['silva', 'okafor'];
const MODELS = ['claude-sonnet-4-5', 'claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'];
/** Cities for the weather MCP tool (the capture's own tool); CITY_WORD is the full-text probe. */
export const CITY_WORD = 'Zurich';
const CITIES = [CITY_WORD, 'Lisbon', 'Osaka', 'Nairobi', 'Toronto', 'Oslo', 'Lima', 'Hanoi', 'Austin', 'Berlin', 'Seoul', 'Cairo', 'Denver', 'Perth', 'Quito', 'Riga', 'Tunis', 'Porto', 'Turin', 'Split'];

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Line pools that generated file contents, shell output and prose are cut from. */
function linePools(r: Rand, d: Dataset) {
  const code: string[] = [];
  const shell: string[] = [];
  const prose: string[] = [...d.thinking, ...d.replies];
  for (let i = 0; i < 400; i++) {
    const n = pick(r, NOUNS), n2 = pick(r, NOUNS), v = pick(r, VERBS);
    code.push(
      pick(r, [
        `export async function ${v}${cap(n)}(${n}Id: string): Promise<${cap(n)}> {`,
        `  const ${n} = await this.${n2}Repository.${v}(${n}Id);`,
        `  if (!${n}) throw new NotFoundError(\`${n} \${${n}Id} not found\`);`,
        `  return ${n}s.filter((x) => x.${n2}Id === ${n2}.id).map(to${cap(n2)});`,
        `import { ${cap(n)}Service } from '../${n}/${n}.service.js';`,
        `  // ${v} the ${n} before the ${n2} is written, so a retry sees the same state`,
        `}`,
        `def ${v}_${n}(self, ${n2}_id: int) -> ${cap(n)}:`,
        `    return self.session.query(${cap(n)}).filter_by(${n2}_id=${n2}_id).one()`,
        `func (h *${cap(n)}Handler) ${cap(v)}(w http.ResponseWriter, r *http.Request) {`,
        `  expect(${v}${cap(n)}(fixture.${n2})).toEqual({ status: 'ok', count: ${int(r, 1, 99)} });`,
      ]),
    );
    shell.push(
      pick(r, [
        `  ✓ ${v}s the ${n} when the ${n2} is missing (${int(r, 1, 400)} ms)`,
        `PASS tests/${n}.test.ts (${(r() * 9).toFixed(2)} s)`,
        `FAIL tests/${n2}.test.ts > ${v} ${n}: expected ${int(r, 1, 9)} to equal ${int(r, 10, 99)}`,
        `${hex(r, 7)} ${cap(v)} ${n} ${n2} handling`,
        `-rw-r--r--  1 dev dev ${String(int(r, 100, 99999)).padStart(6)} Nov ${int(r, 1, 28)} ${int(r, 10, 23)}:${int(r, 10, 59)} ${n}_${n2}${pick(r, EXTS)}`,
        `npm warn deprecated ${n}-${v}@${int(r, 0, 4)}.${int(r, 0, 20)}.${int(r, 0, 9)}: use @scope/${n} instead`,
        `src/${n}/${v}.ts:${int(r, 1, 400)}:${int(r, 1, 80)} - error TS2345: Argument of type '${cap(n)}' is not assignable to parameter of type '${cap(n2)}'.`,
        `time="2026-11-${int(r, 10, 28)}T${int(r, 10, 23)}:${int(r, 10, 59)}:00Z" level=info msg="${v} ${n}" ${n2}_id=${int(r, 1000, 9999)}`,
      ]),
    );
    prose.push(proseLine(r, n, v, n2));
  }
  return { code, shell, prose };
}

/** A sentence of an agent's reasoning or answer about nouns `n`, `n2` and verb `v`. */
export function proseLine(r: Rand, n: string, v: string, n2: string): string {
  return pick(r, [
    `Let me look at how ${n} ${v} works before changing the ${n2} code.`,
    `The test expects the ${n} to be ${v}d after the ${n2} is created, but the handler returns early.`,
    `I will ${v} the ${n} in the service layer and keep the ${n2} interface unchanged.`,
    `That error comes from the ${n2} module: the ${n} id is undefined when the cache is cold.`,
    `The change is small: ${v} the ${n} once, then reuse it for every ${n2}.`,
    `I ran the tests again and the ${n} suite passes now; the ${n2} suite still has one flaky case.`,
  ]);
}

/** Text of about `len` characters made of whole lines from a pool. */
function fill(r: Rand, pool: readonly string[], len: number, sep = '\n'): string {
  const out: string[] = [];
  let n = 0;
  while (n < len) {
    const l = pick(r, pool);
    out.push(l);
    n += l.length + sep.length;
  }
  return out.join(sep).slice(0, Math.max(len, 1));
}

const PROMPTS = [
  'Fix the failing test in {file}',
  'Add unit tests for {noun} {verb} and raise coverage',
  'Refactor {file} and extract the {noun} helpers',
  'Why does {noun} {verb} crash with a null {noun2}?',
  'Deploy the {noun} service to kubernetes with helm',
  'Write a README section explaining how {noun} {verb} works',
  'Implement {verb} for {noun} behind a feature flag',
  'Rotate the leaked credential in {file} and check for other secrets',
  'Write a SQL migration that adds a {noun}_id column to the {noun2} table',
  'Explain what {file} does',
  'The {noun} endpoint returns 500 after the last deploy; find the bug',
  'Clean up the {noun} module, rename unclear variables, no behaviour change',
];
const FOLLOW_UPS = ['Now run the tests again', 'Also update the docs', 'Use {noun2} instead of {noun} there', 'Looks good, commit it', 'Can you make it faster?', 'Revert the last change to {file}'];

// ---- sessions -------------------------------------------------------------------------------

export type Security = 'clean' | 'alerted' | 'blocked';

/** One session to generate, and what it turned out to contain (for expected query matches). */
export interface SessionPlan {
  id: string;
  events: number;
  startMs: number;
  lastMs: number;
  client: ClientId;
  user: string;
  device: Required<Device>;
  project: string;
  model: string;
  mcp: string[];
  security: Security;
  ended: boolean;
  seed: number;
  // Filled in while generating:
  tools: Set<string>;
  topic: string | null;
  cityWord: boolean;
}

export interface PlanOptions {
  events: number;
  sessions: number;
  /** Sessions of exactly `longLength` events, for the timeline measurement. */
  longSessions: number;
  longLength: number;
  /** Session starts spread over this many days before `nowMs`. */
  days: number;
  nowMs: number;
  seed: number;
}

const DAY = 86_400_000;
const security = (x: number): Security => (x < 0.015 ? 'blocked' : x < 0.075 ? 'alerted' : 'clean');

/** Decides every session's size, owner, start and security outcome; events are made later. */
export function planSessions(o: PlanOptions): SessionPlan[] {
  const r = rng(o.seed);
  const people = FIRST.flatMap((f) => LAST.map((l) => `${f}.${l}`));
  // One or two devices per person, so device and user filters differ.
  const devices = new Map<string, Required<Device>[]>(
    people.map((p, i) => {
      const os = pick(r, ['darwin', 'darwin', 'linux', 'windows']);
      const host = (suffix: string) => ({ id: `dev-${hex(r, 12)}`, hostname: `${p.split('.')[0]}-${suffix}${i}`, os });
      return [p, r() < 0.5 ? [host(os === 'darwin' ? 'mbp' : 'ws')] : [host('laptop'), host('desktop')]];
    }),
  );
  const rest = o.sessions - o.longSessions;
  const mean = (o.events - o.longSessions * o.longLength) / rest;
  if (rest <= 0 || mean < 12) throw new Error(`too few events (${o.events}) for ${o.sessions} sessions: need about 12+ per session`);
  // Sizes uniform in [0.25, 1.75] x mean, then nudged so the total is exact.
  const sizes = Array.from({ length: rest }, () => Math.max(12, Math.round(mean * (0.25 + 1.5 * r()))));
  let diff = o.events - o.longSessions * o.longLength - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % rest) {
    if (diff > 0) (sizes[i]! += 1), diff--;
    else if (sizes[i]! > 12) (sizes[i]! -= 1), diff++;
  }
  const longAt = new Set<number>();
  while (longAt.size < o.longSessions) longAt.add(Math.floor(r() * o.sessions));

  const plans: SessionPlan[] = [];
  for (let i = 0, k = 0; i < o.sessions; i++) {
    const user = pick(r, people);
    const x = r();
    plans.push({
      id: uuid(r),
      events: longAt.has(i) ? o.longLength : sizes[k++]!,
      startMs: Math.round(o.nowMs - o.days * DAY + r() * (o.days * DAY - 6 * 3_600_000)),
      lastMs: 0,
      client: x < 0.7 ? 'claude-code' : x < 0.82 ? 'cursor' : x < 0.92 ? 'codex' : 'gemini-cli',
      user,
      device: pick(r, devices.get(user)!),
      project: pick(r, PROJECTS),
      model: pick(r, MODELS),
      mcp: r() < 0.3 ? (r() < 0.5 ? ['weather'] : ['github', 'weather']) : [],
      security: security(r()),
      ended: r() < 0.9,
      seed: Math.floor(r() * 2 ** 31),
      tools: new Set(),
      topic: null,
      cityWord: false,
    });
  }
  // Sent in start order, as they would arrive from the field.
  return plans.sort((a, b) => a.startMs - b.startMs);
}

// ---- events ---------------------------------------------------------------------------------

interface ToolSpec {
  name: string;
  kind: ToolKind;
  mcp?: string;
  weight: number;
}

const TOOLS: ToolSpec[] = [
  { name: 'Bash', kind: 'shell', weight: 30 },
  { name: 'Read', kind: 'file_read', weight: 25 },
  { name: 'Edit', kind: 'file_write', weight: 15 },
  { name: 'Grep', kind: 'file_read', weight: 10 },
  { name: 'Write', kind: 'file_write', weight: 6 },
  { name: 'Glob', kind: 'file_read', weight: 6 },
  { name: 'WebFetch', kind: 'web', weight: 3 },
  { name: 'mcp__weather__get_forecast', kind: 'mcp', mcp: 'weather', weight: 4 },
  { name: 'mcp__github__create_issue', kind: 'mcp', mcp: 'github', weight: 3 },
];

/** Builds a session's events on demand, so a million of them never sit in memory at once. */
export class EventMaker {
  private readonly pools;
  private readonly base: Json;

  constructor(private readonly d: Dataset) {
    this.pools = linePools(rng(7), d);
    const { session_id: _s, transcript_path: _t, cwd: _c, hook_event_name: _h, prompt: _p, ...base } = d.hooks.get('UserPromptSubmit')![0]!;
    this.base = base; // permission_mode and whatever else the capture carries on every hook
  }

  *session(p: SessionPlan): Generator<VigilEvent> {
    const r = rng(p.seed);
    const home = `/home/${p.user.split('.')[0]}`;
    const cwd = `${home}/${p.project}`;
    const transcript = `${home}/.claude/projects/${cwd.replaceAll('/', '-')}/${p.id}.jsonl`;
    const files = Array.from({ length: 12 }, () => `${cwd}/${pick(r, DIRS)}/${pick(r, NOUNS)}${pick(r, ['', '_' + pick(r, VERBS)])}${pick(r, EXTS)}`);
    let t = p.startMs;
    let seq = 0;
    let promptId = uuid(r);
    const common = () => ({
      id: `${p.id}-${seq}`,
      session_id: p.id,
      seq: seq++,
      time: new Date((t += int(r, 200, 15_000))).toISOString(),
      client: p.client,
      capture: 'hook' as const,
      client_version: this.d.version,
      user: p.user,
      device: p.device,
      cwd,
    });
    const hook = (name: string, extra: Json): Json => {
      const tpl = this.d.hooks.get(name)![0]!;
      const edge = name === 'SessionStart' || name === 'SessionEnd';
      return { ...tpl, ...(edge ? {} : this.base), session_id: p.id, transcript_path: transcript, cwd, ...(name === 'SessionStart' ? {} : { prompt_id: promptId }), ...extra };
    };
    const words = (s: string) => s.replace('{file}', pick(r, files).slice(cwd.length + 1)).replace('{noun}', pick(r, NOUNS)).replace('{noun2}', pick(r, NOUNS)).replace('{verb}', pick(r, VERBS));
    const toolsHere = TOOLS.filter((s) => !s.mcp || p.mcp.includes(s.mcp));
    const totalWeight = toolsHere.reduce((a, s) => a + s.weight, 0);
    const chooseTool = (): ToolSpec => {
      let w = r() * totalWeight;
      for (const s of toolsHere) if ((w -= s.weight) < 0) return s;
      return toolsHere[0]!;
    };

    const limit = p.ended ? p.events - 1 : p.events;
    const body = this.turns(p, r, { files, cwd, common, hook, words, chooseTool, newPrompt: () => (promptId = uuid(r)) });
    for (let n = 0; n < limit; n++) yield body.next().value;
    if (p.ended) yield { ...common(), kind: 'session_end', raw: hook('SessionEnd', { reason: pick(r, ['other', 'logout', 'prompt_input_exit', 'clear']) }) };
    p.lastMs = t;
  }

  /** Endless turns: prompt, reasoning, a few tool calls (with scanner verdicts), response. */
  private *turns(p: SessionPlan, r: Rand, c: TurnContext): Generator<VigilEvent, never> {
    const { pools } = this;
    yield { ...c.common(), kind: 'session_start', model: p.model, ...(p.mcp.length ? { mcp_servers: p.mcp } : {}), raw: c.hook('SessionStart', { source: 'startup', model: p.model }) };
    for (let turn = 0; ; turn++) {
      c.newPrompt();
      const prompt = turn === 0 ? (r() < 0.05 ? this.d.prompts[0] ?? c.words(PROMPTS[0]!) : c.words(pick(r, PROMPTS))) : c.words(pick(r, FOLLOW_UPS));
      if (turn === 0) p.topic = classifyTopic(prompt);
      yield { ...c.common(), kind: 'prompt', text: prompt, raw: c.hook('UserPromptSubmit', { prompt }) };
      const thinking = fill(r, pools.prose, logUniform(r, 80, 2000), ' ');
      yield { ...c.common(), kind: 'reasoning', model: p.model, text: thinking, raw: { type: 'thinking', thinking } };

      const calls = int(r, 2, 10);
      for (let k = 0; k < calls; k++) {
        // The session's planted security event comes early, so even short sessions carry it.
        const planted = turn === 0 && k === 0 && p.security !== 'clean';
        const spec = planted ? TOOLS.find((s) => s.name === (p.security === 'blocked' ? 'Bash' : 'Write'))! : c.chooseTool();
        const callId = `toolu_${hex(r, 24)}`;
        const tool = { name: spec.name, kind: spec.kind, ...(spec.mcp ? { mcp_server: spec.mcp } : {}), call_id: callId };
        const { input, response, error } = this.toolIO(p, r, spec, c.files, c.cwd, planted);
        const mcpRaw = spec.mcp ? { mcp_server: { name: spec.mcp, source: 'dynamic' } } : {};
        const call = c.common();
        p.tools.add(spec.name);
        yield { ...call, kind: 'tool_call', tool, input, raw: c.hook('PreToolUse', { tool_name: spec.name, tool_input: input, tool_use_id: callId, ...mcpRaw }) };
        const verdict = this.verdict(p, r, spec, planted, call.id);
        if (verdict) yield { ...c.common(), kind: verdict.action === 'block' ? 'decision' : 'scan_result', verdict };
        const duration_ms = logUniform(r, 3, 30_000);
        if (error !== undefined) {
          yield { ...c.common(), kind: 'tool_error', tool, error, duration_ms, raw: c.hook('PostToolUseFailure', { tool_name: spec.name, tool_input: input, tool_use_id: callId, error, is_interrupt: false, duration_ms, ...mcpRaw }) };
        } else {
          yield { ...c.common(), kind: 'tool_result', tool, output: response, duration_ms, raw: c.hook('PostToolUse', { tool_name: spec.name, tool_input: input, tool_response: response, tool_use_id: callId, duration_ms, ...mcpRaw }) };
        }
      }
      const reply = r() < 0.1 ? pick(r, this.d.replies) : fill(r, pools.prose, logUniform(r, 100, 1500), ' ');
      yield { ...c.common(), kind: 'response', model: p.model, text: reply, raw: c.hook('Stop', { stop_hook_active: false, last_assistant_message: reply }) };
    }
  }

  /** Scanner verdicts: the planted alert or block, and an occasional pass on file writes. */
  private verdict(p: SessionPlan, r: Rand, spec: ToolSpec, planted: boolean, target: string): Verdict | undefined {
    if (planted && p.security === 'blocked') {
      return { action: 'block', severity: 'critical', source: 'vigil-guard', rule: 'destructive-shell', reason: 'recursive delete outside the project directory', target_event_id: target };
    }
    if (planted) return { action: 'alert', severity: 'high', source: 'vigil-secrets', rule: 'aws-access-key-id', reason: 'AWS access key id in file content', target_event_id: target };
    if (spec.kind === 'file_write' && r() < 0.2) return { action: 'pass', source: 'vigil-secrets', target_event_id: target };
    return undefined;
  }

  /** A tool's input and its response (or error), in the shapes Claude Code sends. */
  private toolIO(p: SessionPlan, r: Rand, spec: ToolSpec, files: string[], cwd: string, planted: boolean): { input: Json; response?: unknown; error?: string } {
    const { code, shell, prose } = this.pools;
    const file = pick(r, files);
    const size = logUniform(r, 200, 8192);
    const fails = planted ? p.security === 'blocked' : r() < 0.06;
    switch (spec.name) {
      case 'Bash': {
        const command = planted ? `rm -rf ~/.ssh ${cwd}/../*` : pick(r, ['npm test', 'git status && git log --oneline -20', `pytest -q tests/`, 'ls -la', `npx tsc -p . --noEmit`, `go test ./...`, `cat ${file}`]);
        const input = { command, description: pick(r, ['Run the tests', 'Show recent commits', 'List files', 'Type-check the project', 'Show the file']) };
        if (planted) return { input, error: 'Blocked by Vigil policy destructive-shell: recursive delete outside the project directory' };
        if (fails) return { input, error: `Exit code ${int(r, 1, 2)}\n${fill(r, shell, logUniform(r, 100, 3000))}` };
        return { input, response: { stdout: fill(r, shell, size), stderr: '', interrupted: false, isImage: false } };
      }
      case 'Read': {
        const input = { file_path: file };
        if (fails) return { input, error: `File does not exist. Current working directory: ${cwd}` };
        const content = fill(r, code, size);
        const lines = content.split('\n').length;
        const shape = (this.d.responses.get('Read') ?? { type: 'text' }) as Json;
        return { input, response: { ...shape, file: { filePath: file, content, numLines: lines, startLine: 1, totalLines: lines } } };
      }
      case 'Write': {
        const content = planted ? `${fill(r, code, size)}\nconst AWS_ACCESS_KEY_ID = 'AKIA${hex(r, 16).toUpperCase()}';\n` : fill(r, code, size);
        const input = { file_path: file, content };
        const shape = (this.d.responses.get('Write') ?? {}) as Json;
        return { input, response: { ...shape, filePath: file, content } };
      }
      case 'Edit': {
        const original = fill(r, code, size);
        const lines = original.split('\n');
        const at = int(r, 0, lines.length - 1);
        const old_string = lines[at]!;
        const new_string = `${old_string} // ${pick(r, VERBS)}d`;
        const input = { file_path: file, old_string, new_string, replace_all: false };
        if (fails) return { input, error: `String to replace not found in file.\nString: ${old_string}` };
        const structuredPatch = [{ oldStart: at + 1, oldLines: 1, newStart: at + 1, newLines: 1, lines: [`-${old_string}`, `+${new_string}`] }];
        const shape = (this.d.responses.get('Edit') ?? {}) as Json;
        return { input, response: { ...shape, filePath: file, oldString: old_string, newString: new_string, originalFile: original, structuredPatch } };
      }
      case 'Grep': {
        const input = { pattern: `${pick(r, VERBS)}${cap(pick(r, NOUNS))}`, path: cwd, output_mode: 'content' };
        const content = fill(r, code, size)
          .split('\n')
          .map((l, i) => `${pick(r, files).slice(cwd.length + 1)}:${i + 1}:${l}`)
          .join('\n');
        return { input, response: { mode: 'content', numFiles: int(r, 1, 12), filenames: [], content, numLines: content.split('\n').length } };
      }
      case 'Glob': {
        const filenames = Array.from({ length: int(r, 1, Math.ceil(size / 60)) }, () => pick(r, files));
        return { input: { pattern: `**/*${pick(r, EXTS)}` }, response: { filenames, durationMs: int(r, 2, 80), numFiles: filenames.length, truncated: false } };
      }
      case 'WebFetch': {
        const url = `https://docs.example.com/${pick(r, NOUNS)}/${pick(r, VERBS)}`;
        const input = { url, prompt: `How do I ${pick(r, VERBS)} a ${pick(r, NOUNS)}?` };
        if (fails) return { input, error: 'Request failed with status code 404' };
        return { input, response: { bytes: size * 4, code: 200, codeText: 'OK', result: fill(r, prose, size, ' '), durationMs: int(r, 80, 4000), url } };
      }
      case 'mcp__weather__get_forecast': {
        const city = pick(r, CITIES);
        if (city === CITY_WORD) p.cityWord = true;
        // The capture's own MCP response: a list of text parts.
        return { input: { city }, response: [{ type: 'text', text: `Forecast for ${city}: ${pick(r, ['sunny', 'cloudy', 'rain', 'snow'])}, ${int(r, -10, 35)}C.` }] };
      }
      default: {
        const title = `${cap(pick(r, VERBS))} ${pick(r, NOUNS)} fails when ${pick(r, NOUNS)} is empty`;
        const input = { owner: 'acme', repo: p.project, title, body: fill(r, prose, Math.min(size, 2000), ' ') };
        if (fails) return { input, error: 'MCP error -32603: GitHub API rate limit exceeded' };
        return { input, response: [{ type: 'text', text: JSON.stringify({ number: int(r, 1, 5000), html_url: `https://github.com/acme/${p.project}/issues/${int(r, 1, 5000)}`, state: 'open', title }) }] };
      }
    }
  }
}

interface TurnContext {
  files: string[];
  cwd: string;
  common: () => Pick<VigilEvent, 'id' | 'session_id' | 'seq' | 'time' | 'client' | 'capture' | 'client_version' | 'user' | 'device' | 'cwd'>;
  hook: (name: string, extra: Json) => Json;
  words: (s: string) => string;
  chooseTool: () => ToolSpec;
  newPrompt: () => void;
}

export interface Batch {
  body: Buffer;
  events: number;
}

/**
 * Serialises every event into request bodies up front: sending then costs the load generator
 * almost nothing, so it cannot be what limits the server. Each batch mixes the sessions that are
 * "live" at that point (a window of `open` sessions in start order), as a shared collector would.
 */
export function buildBatches(d: Dataset, plans: SessionPlan[], batchSize: number, open = 8): Batch[] {
  const gen = new EventMaker(d);
  const live: Generator<VigilEvent>[] = [];
  let nextPlan = 0;
  const batches: Batch[] = [];
  let batch: VigilEvent[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    batches.push({ body: Buffer.from(JSON.stringify({ schema_version: 1, events: batch })), events: batch.length });
    batch = [];
  };
  const share = Math.ceil(batchSize / open);
  for (;;) {
    while (live.length < open && nextPlan < plans.length) live.push(gen.session(plans[nextPlan++]!));
    if (live.length === 0) break;
    for (let i = 0; i < live.length; i++) {
      for (let k = 0; k < share; k++) {
        const n = live[i]!.next();
        if (n.done) {
          live.splice(i--, 1);
          break;
        }
        batch.push(n.value);
        if (batch.length === batchSize) flush();
      }
    }
  }
  flush();
  return batches;
}
