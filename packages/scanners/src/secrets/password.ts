import { charKinds, entropy, kindCount, looksPlaceholder } from './text.js';

// Values that stand for a password in docs and templates: never reported.
const PLACEHOLDERS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'changeme', 'change_me', 'user', 'username', 'example',
  'none', 'null', 'nil', 'undefined', 'empty', 'true', 'false', 'xxx', 'password123', 'mypassword',
  'yourpassword', 'your_password', 'your-password', 'secretpassword', 'mysecret', 'token', 'apikey', 'api_key',
]);

// Real but default or trivial passwords: reported only at high sensitivity.
const WEAK = new Set([
  'admin', 'root', 'test', 'guest', 'demo', 'default', 'postgres', 'mysql', 'redis', 'rabbitmq', 'mongo',
  'letmein', 'qwerty', '123456', '12345678', '123456789', 'abc123', 'welcome', 'master', 'toor', 'pa55word',
  'p@ssw0rd', 'passw0rd', 'test123', 'admin123', 'password1', 'secret123', 'local', 'dev', 'development',
]);

/**
 * How sure we are that text[s, e) is a real password (0 = a placeholder or a reference such as
 * $DB_PASS, ${PASSWORD}, <password>, %PASSWORD%, {{ .Values.password }}).
 */
export function passwordConfidence(t: string, s: number, e: number, user?: string): number {
  const n = e - s;
  if (n < 3 || n > 256) return 0;
  const c = t.charCodeAt(s);
  // $VAR, ${VAR}, $(cmd), {{x}}, <x>, %X%, [x], *** , ...
  if (c === 36 || c === 123 || c === 60 || c === 37 || c === 91 || c === 42) return 0;
  const v = t.slice(s, e);
  const lower = v.toLowerCase();
  if (PLACEHOLDERS.has(lower) || lower.includes('${') || lower.includes('{{') || lower.includes('%s')) return 0;
  if (/passw|secret|example|sample/.test(lower)) return 0; // "somepassword", "supersecret"
  if (looksPlaceholder(t, s, e)) return 0;
  if (/^x+$|^\*+$|^\.+$|^-+$|^_+$/.test(lower)) return 0;
  if (/^[0-9]{1,5}$/.test(v)) return 0; // host:port read as user:password
  if (WEAK.has(lower) || (user !== undefined && lower === user.toLowerCase())) return 0.3;
  if (n < 6) return 0.3;
  const kinds = kindCount(charKinds(t, s, e));
  const h = entropy(t, s, e);
  if (kinds >= 2 && h >= 2.5) return 0.85;
  if (n >= 10 && h >= 3) return 0.7;
  return 0.45;
}
