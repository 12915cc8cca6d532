import { spawn } from 'node:child_process';
import { platform } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from '../args.js';
import { defaultConfigPath } from '../hook/config.js';
import { postJson, saveToken, serverUrl, thisDevice } from '../enrol/device-config.js';

const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
const USAGE = 'usage: vigil login --server URL [--no-browser] [--config FILE]';

/** Best effort: the code is printed anyway. */
function openBrowser(url: string): void {
  const os = platform();
  const [cmd, args] = os === 'darwin' ? ['open', [url]] : os === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser here
  }
}

/**
 * `vigil login`: the OAuth device login (RFC 8628). The person approves this device in the
 * console; the token the server then issues (ingest, bound to them and this device) goes into the
 * hook relay's config.
 */
export async function login(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, 'no-browser': { type: 'boolean' }, config: { type: 'string' } });
  if (positionals.length > 0) throw new Error(USAGE);
  const server = serverUrl(values.server);
  const config = values.config ? resolve(values.config) : defaultConfigPath();
  const device = thisDevice(config);
  const out = (s: string) => process.stdout.write(s + '\n');

  const start = await postJson(`${server}/v1/device/code`, { client_id: 'vigil-cli', ...device });
  if (start.status !== 200 || typeof start.body?.device_code !== 'string') throw new Error(`${server} did not start a device login (${start.status}): ${describe(start.body)}`);
  const c = start.body as { device_code: string; user_code: string; verification_uri: string; verification_uri_complete?: string; expires_in: number; interval?: number };
  out(`Open ${c.verification_uri} and enter the code ${c.user_code}`);
  if (c.verification_uri_complete) out(`or open ${c.verification_uri_complete}`);
  out(`Waiting for approval (the code expires in ${Math.round(c.expires_in / 60)} minutes)…`);
  if (!values['no-browser'] && c.verification_uri_complete) openBrowser(c.verification_uri_complete);

  let interval = Math.max(1, c.interval ?? 5);
  const deadline = Date.now() + c.expires_in * 1000;
  while (Date.now() < deadline) {
    await sleep(interval * 1000);
    let r: { status: number; body: any };
    try {
      r = await postJson(`${server}/v1/device/token`, { grant_type: GRANT_TYPE, device_code: c.device_code });
    } catch (e) {
      // A network blip: keep polling until the code expires.
      process.stderr.write(`vigil: polling ${server} failed (${(e as Error).message}); retrying\n`);
      continue;
    }
    if (r.status === 200 && typeof r.body?.access_token === 'string') {
      saveToken(config, server, r.body.access_token, device);
      out(`Approved. This device (${device.hostname}) now reports to ${server}.`);
      out(`Token saved in ${config}`);
      return 0;
    }
    const error = r.body?.error;
    if (error === 'authorization_pending') continue;
    // RFC 8628 §3.5: slow_down adds 5 s to the interval from now on.
    if (error === 'slow_down') {
      interval += 5;
      continue;
    }
    if (error === 'access_denied') throw new Error('the request was denied in the console');
    if (error === 'expired_token') throw new Error('the code expired before it was approved; run vigil login again');
    throw new Error(`${server} refused the login (${r.status}): ${describe(r.body)}`);
  }
  throw new Error('the code expired before it was approved; run vigil login again');
}

function describe(body: any): string {
  if (!body) return 'no JSON answer';
  return body.error_description ?? body.error?.message ?? body.error ?? JSON.stringify(body);
}
