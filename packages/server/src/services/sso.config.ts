import { USER_ROLES, isUserRole, type UserRole } from './access.js';

/** The `sso` key of a --config file, checked (docs/console.md, "Single sign-on"). */
export interface SsoConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** This server's public URL + CALLBACK_PATH, registered at the issuer. */
  redirectUrl: URL;
  defaultRole: UserRole;
  /** Lower-case domains; null allows any. */
  allowedDomains: string[] | null;
  /** Shown on the sign-in button. */
  name: string;
  /** Plain-HTTP issuer on a loopback address (development and tests only). */
  insecure: boolean;
}

export const CALLBACK_PATH = '/v1/console/sso/callback';

const KEYS = ['issuer', 'client_id', 'client_secret_env', 'redirect_url', 'default_role', 'allowed_email_domains', 'name'];
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function url(v: unknown): URL | null {
  try {
    return typeof v === 'string' ? new URL(v) : null;
  } catch {
    return null;
  }
}

/** Checks the whole key and names every mistake at once; undefined when `sso` is not set. */
export function parseSsoConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): SsoConfig | undefined {
  if (raw === undefined || raw === null) return undefined;
  const fail = (problems: string[]) => new Error(`--config: sso: ${problems.join('; ')}`);
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fail([`must be a mapping with keys ${KEYS.join(', ')}`]);
  const o = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) problems.push(`unknown key "${k}" (known: ${KEYS.join(', ')})`);

  const issuer = url(o.issuer);
  let insecure = false;
  if (!issuer) problems.push('"issuer" must be a URL such as https://example.okta.com');
  else if (issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)) insecure = true;
  else if (issuer.protocol !== 'https:') problems.push(`"issuer" must use https (plain http only on localhost), got ${issuer.protocol}`);

  if (typeof o.client_id !== 'string' || o.client_id.trim() === '') problems.push('"client_id" must be a non-empty string');

  let clientSecret = '';
  if (typeof o.client_secret_env !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.client_secret_env)) {
    problems.push('"client_secret_env" must be the name of an environment variable holding the client secret');
  } else {
    clientSecret = env[o.client_secret_env] ?? '';
    if (clientSecret === '') problems.push(`environment variable ${o.client_secret_env} (named by "client_secret_env") is not set or empty`);
  }

  const redirect = url(o.redirect_url);
  if (!redirect || (redirect.protocol !== 'https:' && redirect.protocol !== 'http:')) problems.push(`"redirect_url" must be this server's public URL + ${CALLBACK_PATH}`);
  else if (redirect.pathname !== CALLBACK_PATH || redirect.search || redirect.hash) problems.push(`"redirect_url" must end with ${CALLBACK_PATH} (no query), got path ${redirect.pathname}`);

  const role = o.default_role ?? 'member';
  if (!isUserRole(role)) problems.push(`"default_role" must be one of: ${USER_ROLES.join(', ')}`);

  let allowedDomains: string[] | null = null;
  if (o.allowed_email_domains !== undefined) {
    const d = o.allowed_email_domains;
    if (!Array.isArray(d) || d.length === 0) problems.push('"allowed_email_domains" must be a non-empty list of domains (leave it out to allow any)');
    else {
      allowedDomains = d.map((x) => (typeof x === 'string' ? x.toLowerCase() : ''));
      const bad = d.filter((x, i) => !DOMAIN.test(allowedDomains![i]!));
      if (bad.length > 0) problems.push(`"allowed_email_domains" has entries that are not domains: ${bad.map((x) => JSON.stringify(x)).join(', ')}`);
    }
  }

  if (o.name !== undefined && (typeof o.name !== 'string' || o.name.trim() === '' || o.name.length > 40)) problems.push('"name" must be a string of 1 to 40 characters');

  if (problems.length > 0) throw fail(problems);
  return {
    issuer: issuer!,
    clientId: (o.client_id as string).trim(),
    clientSecret,
    redirectUrl: redirect!,
    defaultRole: role as UserRole,
    allowedDomains,
    name: (o.name as string | undefined)?.trim() ?? 'single sign-on',
    insecure,
  };
}
