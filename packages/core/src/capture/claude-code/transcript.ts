// Claude Code's session transcript (JSON Lines at `transcript_path`) → the reasoning and
// responses hooks do not carry. Pure: it takes the text of complete lines, as the relay sends
// new ones; ids come from each line's uuid, so a chunk sent twice is stored once.
import type { VigilEvent } from '../../model/event.js';
import { isoUtc } from '../../model/time.js';

export interface TranscriptChunk {
  /** Reasoning and response events, in transcript order. */
  events: VigilEvent[];
  /** Lines that were not JSON (a torn write): skipped, counted. */
  skipped: number;
}

interface Line {
  type?: string;
  uuid?: string;
  timestamp?: string;
  isSidechain?: boolean;
  agentId?: string;
  sessionId?: string;
  message?: { model?: string; content?: unknown };
}

export function normaliseClaudeCodeTranscript(text: string, sessionId: string, clientVersion?: string): TranscriptChunk {
  const events: VigilEvent[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      skipped++;
      continue;
    }
    if (line.type !== 'assistant' || !line.uuid || !Array.isArray(line.message?.content)) continue;
    const ms = typeof line.timestamp === 'string' ? Date.parse(line.timestamp) : NaN;
    if (!Number.isFinite(ms)) continue;
    const time = isoUtc(ms);
    const blocks = line.message!.content as { type?: string; thinking?: string; text?: string }[];
    blocks.forEach((b, i) => {
      const body = b.type === 'thinking' ? b.thinking : b.type === 'text' ? b.text : undefined;
      if (typeof body !== 'string' || body === '') return;
      const e: VigilEvent = {
        id: `cc:tx:${line.uuid}${blocks.length > 1 ? `:${i}` : ''}`,
        session_id: line.sessionId ?? sessionId,
        time,
        kind: b.type === 'thinking' ? 'reasoning' : 'response',
        client: 'claude-code',
        capture: 'hook',
        text: body,
      };
      if (line.message!.model) e.model = line.message!.model;
      if (clientVersion) e.client_version = clientVersion;
      // A subagent's lines (a sidechain) nest under that subagent.
      if (line.isSidechain && line.agentId) e.parent_id = line.agentId;
      events.push(e);
    });
  }
  return { events, skipped };
}
