// `vigil enrol` as an MDM script runs it: an organisation key in, a device token in the relay config out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS, startServer, type RunningServer } from '@vigil/server';

const BIN = fileURLToPath(new URL('./main.js', import.meta.url));
const ADMIN = 'enrol-cli-test-admin-token';

describe('vigil enrol', () => {
  let server: RunningServer;
  let dir: string;
  // Async: the server runs in this process, so a blocking spawnSync would starve it.
  const vigil = (...args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const c = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: dir } });
      let out = '';
      let err = '';
      c.stdout.on('data', (d: Buffer) => (out += d.toString()));
      c.stderr.on('data', (d: Buffer) => (err += d.toString()));
      c.on('exit', (code) => resolve({ code, out, err }));
    });
  const admin = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(server.url + path, { method, headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return (await r.json()) as any;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-enrol-'));
    server = await startServer({ ...DEFAULTS, port: 0, dataDir: dir, adminToken: ADMIN, logLevel: 'silent', ingestThreads: 0 });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('enrols with a key, keeps the device id across runs, and is refused once the key is revoked', async () => {
    const key = await admin('POST', '/v1/enrolment-keys', { name: 'fleet' });
    const config = join(dir, 'conf', 'hook.json');
    const r = await vigil('enrol', '--server', server.url, '--key', key.key, '--user', 'someone@example.com', '--config', config);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /no account for someone@example.com/);
    assert.equal(statSync(config).mode & 0o777, 0o600);
    const saved = JSON.parse(readFileSync(config, 'utf8'));
    assert.deepEqual({ server: saved.server, user: saved.user, mode: saved.mode }, { server: server.url, user: 'someone@example.com', mode: 'monitor' });
    const deviceId = readFileSync(join(dir, 'conf', 'device-id'), 'utf8').trim();
    assert.equal(saved.device_id, deviceId);

    const again = await vigil('enrol', '--server', server.url, '--key', key.key, '--config', config);
    assert.equal(again.code, 0, again.err);
    assert.equal(JSON.parse(readFileSync(config, 'utf8')).device_id, deviceId);
    const devices = (await admin('GET', '/v1/tokens')).tokens.filter((t: { device?: { id: string } }) => t.device?.id === deviceId);
    assert.equal(devices.length, 2);
    assert.equal(devices[0].device.hostname, hostname());

    await admin('DELETE', `/v1/enrolment-keys/${key.id}`);
    const refused = await vigil('enrol', '--server', server.url, '--key', key.key, '--config', config);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /refused the enrolment \(401\)/);
    const bad = await vigil('enrol', '--server', server.url, '--key', 'nope', '--config', config);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /--key vek_… is required/);
  });
});
