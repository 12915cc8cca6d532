// `vigil hook <client>`: the hook command a client runs for each event. It forwards the event to
// the server and prints the server's answer, which is already in the client's wire format. When
// the server cannot be reached the event goes to the spool and the answer depends on the mode:
// monitor lets the agent carry on, enforce denies what can be denied. Node built-ins only, plus
// the small pure hook adapters: this runs before every tool call.
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { hostname, platform } from 'node:os';
import { HOOK_CLIENTS, loadHookAdapter } from '@vigil/core/hooks/load';
import type { HookAdapter } from '@vigil/core';
import type { HookConfig, HookMode } from './config.js';
import { post } from './send.js';
import { Spool, type SpooledEvent } from './spool.js';

export interface RelayResult {
  /** What to print on stdout (nothing when empty). */
  stdout: string;
  /** What to print on stderr. */
  stderr: string;
  exitCode: number;
}

const endpoint = (client: string) => `/v1/hooks/${client}`;
// Events delivered from the spool per hook run, and the time they may take, so a long outage
// does not slow the agent down once the server is back: the rest go with the next hooks.
const SPOOL_BATCH = 100;
const SPOOL_BUDGET_MS = 1500;

export function supportedClients(): string[] {
  return [...HOOK_CLIENTS];
}

/** Who is sending: the token and the machine. */
function senderHeaders(cfg: HookConfig): Record<string, string> {
  const h: Record<string, string> = { authorization: `Bearer ${cfg.token}`, 'x-vigil-hostname': hostname(), 'x-vigil-os': platform() };
  if (cfg.user) h['x-vigil-user'] = cfg.user;
  if (cfg.device_id) h['x-vigil-device-id'] = cfg.device_id;
  return h;
}

/** An event's headers: the sender, and the id and time fixed when the hook fired. */
function headers(cfg: HookConfig, id: string, timeMs: number): Record<string, string> {
  return { ...senderHeaders(cfg), 'x-vigil-event-id': id, 'x-vigil-time': String(timeMs) };
}

/** The answer when Vigil could not decide: allow in monitor mode, deny what can be denied in enforce mode. */
export function fallbackAnswer(adapter: HookAdapter | undefined, hook: string, mode: HookMode, why: string): RelayResult {
  // Always JSON, {} included: some clients (Cursor) treat empty output as a failed hook.
  const print = (answer: Record<string, unknown> | undefined) => JSON.stringify(answer ?? {});
  if (mode === 'monitor') return { stdout: print(adapter?.answer(hook, { action: 'allow' })), stderr: `vigil: ${why}; the event is spooled (monitor mode: allowed)\n`, exitCode: 0 };
  // Only actions are denied: a prompt or a finished tool call is recorded (spooled) and let through,
  // so the user can still talk to the agent while nothing it does runs unchecked.
  const reason = `Vigil could not check this action (${why}); in enforce mode it is denied until the Vigil server answers again.`;
  const deny = adapter?.deciding.has(hook) === true;
  return { stdout: print(adapter?.answer(hook, deny ? { action: 'deny', reason } : { action: 'allow' })), stderr: `vigil: ${why}; the event is spooled\n`, exitCode: 0 };
}

// The most transcript text sent after one hook; the rest goes with the next.
const TRANSCRIPT_CHUNK = 4 * 1024 * 1024;

/**
 * Sends the transcript lines written since the last time (Claude Code's hooks carry no reasoning
 * or assistant text). The offset, per transcript file, moves only once the server stored them.
 */
async function syncTranscript(cfg: HookConfig, path: string, session: string): Promise<void> {
  const state = join(cfg.spool_dir, 'offsets', `${basename(path)}.offset`);
  let offset = 0;
  try {
    offset = Number(readFileSync(state, 'utf8')) || 0;
  } catch {
    // first time
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  let chunk: Buffer;
  try {
    const size = fstatSync(fd).size;
    if (size < offset) offset = 0; // a new file in its place
    if (size === offset) return;
    chunk = Buffer.alloc(Math.min(size - offset, TRANSCRIPT_CHUNK));
    readSync(fd, chunk, 0, chunk.length, offset);
  } finally {
    closeSync(fd);
  }
  // Complete lines only: the last one may still be being written.
  const end = chunk.lastIndexOf(0x0a);
  if (end < 0) return;
  const h = { ...senderHeaders(cfg), 'content-type': 'application/x-ndjson', 'x-vigil-session': session };
  const r = await post(`${cfg.server}/v1/hooks/claude-code/transcript`, chunk.subarray(0, end + 1).toString('utf8'), h, cfg.timeout_ms);
  if (r.status !== 200) return;
  mkdirSync(join(cfg.spool_dir, 'offsets'), { recursive: true, mode: 0o700 });
  writeFileSync(state, String(offset + end + 1));
}

/** Sends spooled events, oldest first, until the batch or time budget runs out or one fails. */
async function deliverSpool(cfg: HookConfig, spool: Spool, client: string): Promise<void> {
  const until = Date.now() + SPOOL_BUDGET_MS;
  const synced = new Set<string>();
  await spool.exclusive(30_000, async () => {
    for (const file of spool.pending().slice(0, SPOOL_BATCH)) {
      if (Date.now() > until) return;
      const e = spool.read(file);
      if (!e) {
        spool.remove(file);
        continue;
      }
      const r = await post(cfg.server + endpoint(e.client ?? client), JSON.stringify(e.payload), headers(cfg, e.id, e.time_ms), cfg.timeout_ms).catch(() => null);
      // Kept for later on anything but an answer that settles it: stored (2xx) or refused for good (400).
      if (!r || (r.status !== 200 && r.status !== 400)) return;
      spool.remove(file);
      // The transcript of a session whose hooks never got through has not been read either.
      const p = e.payload as Record<string, unknown>;
      if (r.status === 200 && typeof p.transcript_path === 'string' && typeof p.session_id === 'string' && !synced.has(p.transcript_path)) {
        synced.add(p.transcript_path);
        await syncTranscript(cfg, p.transcript_path, p.session_id).catch(() => {});
      }
    }
  });
}

/** Relays one hook event. Never throws: every failure becomes the mode's answer. */
export async function relay(client: string, input: string, cfg: HookConfig, nowMs: number = Date.now()): Promise<RelayResult> {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(input) as Record<string, unknown>;
    if (typeof payload !== 'object' || payload === null) throw new Error('not an object');
  } catch (e) {
    // Nothing to spool or decide on: the client sent something that is not an event.
    return cfg.mode === 'enforce'
      ? { stdout: '', stderr: `vigil: the hook input is not a JSON object (${(e as Error).message}); denied in enforce mode\n`, exitCode: 2 }
      : { stdout: '', stderr: `vigil: the hook input is not a JSON object (${(e as Error).message})\n`, exitCode: 0 };
  }
  const adapter = await loadHookAdapter(client);
  const hook = adapter?.eventName(payload) ?? '';
  const event: SpooledEvent = { client, id: `h${nowMs.toString(36)}-${randomBytes(8).toString('hex')}`, time_ms: nowMs, payload };
  const spool = new Spool(`${cfg.spool_dir}/${client}`);

  let r;
  try {
    r = await post(cfg.server + endpoint(client), input, headers(cfg, event.id, nowMs), cfg.timeout_ms);
  } catch (e) {
    spool.add(event);
    return fallbackAnswer(adapter, hook, cfg.mode, `the Vigil server at ${cfg.server} did not answer: ${(e as Error).message}`);
  }
  if (r.status === 200) {
    if (spool.pending().length > 0) await deliverSpool(cfg, spool, client).catch(() => {});
    // Not on the hooks that decide: they stay as fast as they can be.
    const session = typeof payload.session_id === 'string' ? payload.session_id : '';
    if (client === 'claude-code' && !adapter?.deciding.has(hook) && session) {
      for (const key of ['transcript_path', 'agent_transcript_path']) {
        const path = payload[key];
        if (typeof path === 'string' && path) await syncTranscript(cfg, path, session).catch(() => {});
      }
    }
    return { stdout: r.body, stderr: '', exitCode: 0 };
  }
  let message = r.body;
  try {
    message = (JSON.parse(r.body) as { error?: { message?: string } }).error?.message ?? r.body;
  } catch {
    // not JSON: use it as it is
  }
  // A 400 is about this event and will not change on a resend; anything else may pass later.
  if (r.status !== 400) spool.add(event);
  return fallbackAnswer(adapter, hook, cfg.mode, `the Vigil server answered ${r.status}: ${message.slice(0, 300)}`);
}
