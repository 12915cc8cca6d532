// Merging Vigil's shell hooks into Hermes Agent's config.yaml and taking them out again. The file
// is edited as a YAML document (yaml's Document API), so the user's comments, key order and
// quoting survive (the yaml library re-spaces a comment after a value to one space). Pure: commands/setup.ts does the reading, writing and backups.
//
// Shape (hermes-agent 0.21.3, website/docs/user-guide/features/hooks.md "Shell Hooks"):
//   hooks:
//     pre_tool_call:
//       - command: "<relay>"   # split like a shell line, run without a shell
//         timeout: 30          # seconds, default 60, at most 300
//         fail_closed: true    # pre_tool_call only: a failing hook blocks the call
//   hooks_auto_accept: false   # first-use consent, see notes
// `hooks.outbound` and `hooks.output_spill` are not events (outbound webhooks and a setting): left alone.
import { posix, win32 } from 'node:path';
import { homedir } from 'node:os';
import { Document, isMap, isScalar, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { isVigilCommand, type ClientInstaller, type HookPlan, type Scope, type Transport } from './installer.js';

/** The shell-hook events Vigil's Hermes adapter understands; pre_tool_call is the one that can block. */
export const ALL_EVENTS = [
  'on_session_start', 'pre_llm_call', 'pre_tool_call', 'post_tool_call', 'post_llm_call',
  'subagent_start', 'subagent_stop', 'on_session_end', 'on_session_finalize',
] as const;
export const ENFORCEMENT_EVENTS = ['pre_tool_call'] as const;
const RESERVED = new Set(['outbound', 'output_spill']);
const MAX_TIMEOUT_S = 300;

type Env = { home: string; cwd: string; os: NodeJS.Platform };
type Vars = Record<string, string | undefined>;

/**
 * Hermes' home (hermes_constants.py get_hermes_home): HERMES_HOME, else %LOCALAPPDATA%\hermes on
 * Windows, else ~/.hermes (both with HERMES_DATA_DIR_SUFFIX). A profile is a HERMES_HOME of its own.
 */
export function hermesHome(env: Pick<Env, 'home' | 'os'>, vars: Vars = process.env): string {
  const path = env.os === 'win32' ? win32 : posix;
  const set = vars.HERMES_HOME?.trim();
  if (set) return set === '~' || set.startsWith('~/') ? path.join(env.home, set.slice(1)) : set;
  const suffix = vars.HERMES_DATA_DIR_SUFFIX ?? '';
  if (env.os === 'win32') return path.join(vars.LOCALAPPDATA?.trim() || path.join(env.home, 'AppData', 'Local'), `hermes${suffix}`);
  return path.join(env.home, `.hermes${suffix}`);
}

/**
 * The config.yaml for a scope. Hermes reads hooks from one file per profile home and has neither a
 * project-level nor a system-wide (managed) config, so every scope is that file: for managed
 * roll-outs the MDM writes it into each user's home (notes say so).
 */
export function configPath(_scope: Scope, env: Env, vars: Vars = process.env): string {
  return (env.os === 'win32' ? win32 : posix).join(hermesHome(env, vars), 'config.yaml');
}

function parse(text: string): Document {
  const doc = text.trim() === '' ? new Document({}) : parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); fix it before installing hooks`);
  if (doc.contents === null) doc.contents = doc.createNode({}) as YAMLMap;
  if (!isMap(doc.contents)) throw new Error('not a YAML mapping; fix it before installing hooks');
  return doc;
}

/** The document as text, with the original's line endings. */
function render(doc: Document, original: string): string {
  const out = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return original.includes('\r\n') ? out.replace(/\r?\n/g, '\r\n') : out;
}

const commandOf = (item: unknown): unknown => (isMap(item) ? (item.get('command') as unknown) : undefined);
const isVigilEntry = (item: unknown) => isVigilCommand(commandOf(item), 'hermes');

/** The `hooks:` mapping's event lists (reserved sub-keys skipped), as nodes. */
function eventLists(doc: Document): [string, YAMLSeq][] {
  const hooks = doc.get('hooks', true);
  if (!isMap(hooks)) return [];
  const out: [string, YAMLSeq][] = [];
  for (const pair of hooks.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!RESERVED.has(key) && isSeq(pair.value)) out.push([key, pair.value]);
  }
  return out;
}

function removeVigil(doc: Document): void {
  const hooks = doc.get('hooks', true);
  for (const [event, seq] of eventLists(doc)) {
    seq.items = seq.items.filter((item) => !isVigilEntry(item));
    if (seq.items.length === 0) (hooks as YAMLMap).delete(event);
  }
  if (isMap(hooks) && hooks.items.length === 0) {
    // A file that holds nothing else (Vigil created it) becomes empty again, so setup can tell it
    // had nothing before; otherwise Hermes' own default for an emptied block, `hooks: {}`.
    if (isMap(doc.contents) && doc.contents.items.length === 1) doc.delete('hooks');
    else hooks.flow = true;
  }
}

function addVigil(doc: Document, plan: HookPlan): void {
  if (plan.transport !== 'command') throw new Error('Hermes runs hooks as commands only (no http hooks): use --transport command');
  removeVigil(doc);
  let hooks = doc.get('hooks', true);
  if (hooks === undefined || hooks === null || (isScalar(hooks) && hooks.value === null)) {
    hooks = doc.createNode({}) as YAMLMap;
    doc.set('hooks', hooks);
  }
  if (!isMap(hooks)) throw new Error('`hooks` in config.yaml is not a mapping; fix it before installing hooks');
  hooks.flow = false;
  const timeout = Math.max(1, Math.min(MAX_TIMEOUT_S, Math.round(plan.timeoutS)));
  for (const event of plan.events) {
    // No matcher: every tool. fail_closed only means something on pre_tool_call (Hermes warns elsewhere).
    const entry: Record<string, unknown> = { command: plan.target, timeout };
    if (plan.mode === 'enforce' && event === 'pre_tool_call') entry.fail_closed = true;
    const node = doc.createNode(entry);
    const list = hooks.get(event, true);
    if (isSeq(list)) {
      list.flow = false;
      list.items.push(node);
    } else hooks.set(event, doc.createNode([entry]));
  }
}

function vigilHooksIn(doc: Document): { event: string; transport: Transport; target: string }[] {
  return eventLists(doc).flatMap(([event, seq]) => seq.items.filter(isVigilEntry).map((item) => ({ event, transport: 'command' as const, target: String(commandOf(item)) })));
}

export const hermesInstaller: ClientInstaller = {
  client: 'hermes',
  label: 'Hermes Agent',
  path: (scope, env = { home: homedir(), cwd: process.cwd(), os: process.platform }) => configPath(scope, env),
  allEvents: ALL_EVENTS,
  enforcementEvents: ENFORCEMENT_EVENTS,
  transports: ['command'],
  install(text, plan) {
    const doc = parse(text);
    addVigil(doc, plan);
    return render(doc, text);
  },
  uninstall(text) {
    const doc = parse(text);
    removeVigil(doc);
    return render(doc, text);
  },
  status: (text) => vigilHooksIn(parse(text)),
  notes(plan, scope) {
    const notes = [
      'Hermes asks once per hook (event and command) before running it, at the terminal on first use. Runs without a terminal (gateway, cron, Desktop) skip hooks nobody approved: start `hermes` once and approve, or use `hermes --accept-hooks`, HERMES_ACCEPT_HOOKS=1 or `hooks_auto_accept: true` in config.yaml.',
      'Check with `hermes hooks list` and `hermes hooks doctor`; `hermes hooks test pre_tool_call --for-tool terminal` fires the hook once. Hooks load at the next CLI session or gateway restart.',
    ];
    if (plan.mode === 'enforce') notes.push('pre_tool_call has fail_closed: true, so a tool call is blocked when the relay fails or times out. Hermes can block only tool calls (pre_tool_call); prompts and results are recorded, not stopped.');
    if (scope === 'project') notes.push('Hermes has no project-level hooks: they went into the profile config (HERMES_HOME), which every project of this profile uses.');
    if (scope === 'managed') notes.push('Hermes has no system-wide config: a managed roll-out writes each user\u2019s ~/.hermes/config.yaml (and, for unattended runs, hooks_auto_accept or HERMES_ACCEPT_HOOKS).');
    notes.push('Signed webhooks: a `hooks.outbound` entry with url <server>/v1/webhooks/hermes and secret_env naming a variable that holds VIGIL_HERMES_WEBHOOK_SECRET also reports events the shell hooks do not run for (notify-only).');
    return notes;
  },
};
