import { resolve } from 'node:path';
import { parse } from '../args.js';
import { defaultConfigPath } from '../hook/config.js';
import { postJson, saveToken, serverUrl, thisDevice } from '../enrol/device-config.js';

const USAGE = 'usage: vigil enrol --server URL --key vek_… [--user EMAIL] [--config FILE]';

/**
 * `vigil enrol`: non-interactive enrolment with an organisation key (MDM scripts). The device gets
 * its own ingest token, bound to the person named by --user when they have an account.
 */
export async function enrol(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, key: { type: 'string' }, user: { type: 'string' }, config: { type: 'string' } });
  if (positionals.length > 0) throw new Error(USAGE);
  const server = serverUrl(values.server);
  const key = values.key ?? process.env.VIGIL_ENROLMENT_KEY;
  if (!key || !key.startsWith('vek_')) throw new Error(`--key vek_… is required (or VIGIL_ENROLMENT_KEY); ${USAGE}`);
  const config = values.config ? resolve(values.config) : defaultConfigPath();
  const device = thisDevice(config);
  const r = await postJson(`${server}/v1/device/enrol`, { ...device, ...(values.user ? { user: values.user } : {}) }, { authorization: `Bearer ${key}` });
  if (r.status !== 201 || typeof r.body?.access_token !== 'string') throw new Error(`${server} refused the enrolment (${r.status}): ${r.body?.error?.message ?? 'no JSON answer'}`);
  // The relay stamps events with this user; the token is bound to them only if they have an account.
  saveToken(config, server, r.body.access_token, device, values.user ?? null);
  process.stdout.write(`Enrolled ${device.hostname} with ${server}${r.body.user ? ` for ${r.body.user}` : values.user ? ` (no account for ${values.user}: the token is bound to the device only)` : ''}.\nToken saved in ${config}\n`);
  return 0;
}
