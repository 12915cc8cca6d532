// AgentGuard's settings: a document like the scanners', validated with every mistake named.

export type GuardMode = 'off' | 'alert' | 'block';

export interface JudgeSettings {
  /** Ask the judge at all. Off by default: Vigil decides without it. */
  enabled: boolean;
  /** An OpenAI-compatible API base, e.g. http://127.0.0.1:8000/v1 (POST {url}/chat/completions). */
  url: string;
  model: string;
  /** Environment variable holding the API key (the key itself is never stored). */
  api_key_env?: string;
  /** The whole budget for one question; past it the deterministic verdict stands. */
  timeout_ms: number;
}

export interface GuardSettings {
  mode: GuardMode;
  /** End the session (kill switch) when any scanner blocks a call, not only AgentGuard. */
  end_session_on_scanner_block: boolean;
  judge: JudgeSettings;
}

export const DEFAULT_GUARD_SETTINGS: GuardSettings = {
  mode: 'alert',
  end_session_on_scanner_block: false,
  judge: { enabled: false, url: '', model: '', timeout_ms: 1500 },
};

const MODES = ['off', 'alert', 'block'];

export function validateGuardSettings(input: unknown): { ok: true; settings: GuardSettings } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!obj(input)) return { ok: false, errors: ['agentguard settings must be an object'] };
  const out: GuardSettings = structuredClone(DEFAULT_GUARD_SETTINGS);
  for (const k of Object.keys(input)) if (!['mode', 'end_session_on_scanner_block', 'judge'].includes(k)) errors.push(`${k}: unknown setting (known: mode, end_session_on_scanner_block, judge)`);
  if (input.mode !== undefined) {
    if (typeof input.mode === 'string' && MODES.includes(input.mode)) out.mode = input.mode as GuardMode;
    else errors.push(`mode: must be one of ${MODES.join(', ')}`);
  }
  if (input.end_session_on_scanner_block !== undefined) {
    if (typeof input.end_session_on_scanner_block === 'boolean') out.end_session_on_scanner_block = input.end_session_on_scanner_block;
    else errors.push('end_session_on_scanner_block: must be true or false');
  }
  const j = input.judge;
  if (j !== undefined) {
    if (!obj(j)) errors.push('judge: must be an object');
    else {
      for (const k of Object.keys(j)) if (!['enabled', 'url', 'model', 'api_key_env', 'timeout_ms'].includes(k)) errors.push(`judge.${k}: unknown setting`);
      if (j.enabled !== undefined) typeof j.enabled === 'boolean' ? (out.judge.enabled = j.enabled) : errors.push('judge.enabled: must be true or false');
      if (j.url !== undefined) {
        if (typeof j.url === 'string' && (j.url === '' || /^https?:\/\/[^\s]+$/.test(j.url))) out.judge.url = j.url.replace(/\/+$/, '');
        else errors.push('judge.url: must be an http(s) URL, e.g. http://127.0.0.1:8000/v1');
      }
      if (j.model !== undefined) typeof j.model === 'string' ? (out.judge.model = j.model) : errors.push('judge.model: must be a string');
      if (j.api_key_env !== undefined) {
        if (typeof j.api_key_env === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(j.api_key_env)) out.judge.api_key_env = j.api_key_env;
        else errors.push('judge.api_key_env: must be an environment variable name');
      }
      if (j.timeout_ms !== undefined) {
        if (typeof j.timeout_ms === 'number' && Number.isInteger(j.timeout_ms) && j.timeout_ms >= 50 && j.timeout_ms <= 30000) out.judge.timeout_ms = j.timeout_ms;
        else errors.push('judge.timeout_ms: must be an integer from 50 to 30000');
      }
      if (out.judge.enabled && (!out.judge.url || !out.judge.model)) errors.push('judge: url and model are required when the judge is enabled');
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: out };
}
