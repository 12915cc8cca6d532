// The real `vigil` binary as a user runs it: first start, kill -9 durability, graceful stop.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { ENGINES, PG_SKIP, createTestDatabase, ev, type TestDatabase } from '@vigil/server/testing';

const BIN = fileURLToPath(new URL('./main.js', import.meta.url));
const TOKEN = 'cli-test-admin-token';

interface Proc {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function startVigil(db: TestDatabase, env: Record<string, string> = { VIGIL_ADMIN_TOKEN: TOKEN }): Promise<Proc> {
  const args = ['serve', '--port', '0', '--data', db.dataDir, '--log-level', 'warn', ...(db.url ? ['--database-url', db.url] : [])];
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: db.dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  children.push(child);
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vigil did not start: ${err}`)), 15_000);
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /Vigil listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`vigil exited with ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err, exited };
}

function postEvents(url: string, token: string, events: unknown[]): Promise<Response> {
  return fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
}

async function sessionEventIds(url: string, token: string, id: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const r = await fetch(`${url}/v1/sessions/${id}?limit=5000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    if (r.status === 404) return ids;
    const body = (await r.json()) as { timeline: { id: string }[]; next_cursor: string | null };
    ids.push(...body.timeline.map((e) => e.id));
    cursor = body.next_cursor;
  } while (cursor);
  return ids;
}

const dbs: TestDatabase[] = [];
const children: ChildProcess[] = [];
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const db of dbs) await db.drop();
});

describe('vigil serve', () => {
  test('first start prints a one-time admin token that works; the next start prints none', async () => {
    const db = await createTestDatabase('sqlite');
    dbs.push(db);
    const first = await startVigil(db, {});
    const m = /\n {2}(vgl_[A-Za-z0-9_-]{43})\n/.exec(first.stderr());
    assert.ok(m, `no token printed: ${first.stderr()}`);
    const token = m[1]!;
    const r = await fetch(`${first.url}/v1/sessions`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 200);
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);
    const second = await startVigil(db, {});
    assert.doesNotMatch(second.stderr(), /vgl_/);
    assert.equal((await fetch(`${second.url}/v1/sessions`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  test('vigil token create adds a working token of the given role', async () => {
    const db = await createTestDatabase('sqlite');
    dbs.push(db);
    const r = spawnSync(process.execPath, [BIN, 'token', 'create', '--name', 'ci', '--role', 'read', '--data', db.dataDir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const token = r.stdout.trim();
    assert.match(token, /^vgl_/);
    const p = await startVigil(db, {});
    assert.equal((await fetch(`${p.url}/v1/sessions`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    assert.equal((await postEvents(p.url, token, [ev({ session_id: 'x' })])).status, 403);
    p.child.kill('SIGTERM');
    await p.exited;
    const bad = spawnSync(process.execPath, [BIN, 'token', 'create', '--role', 'root', '--data', db.dataDir], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--role must be one of/);
  });

  test('unknown commands and flags fail with a usage message', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--prot', '1'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Unknown option '--prot'/);
    const u = spawnSync(process.execPath, [BIN, 'frobnicate'], { encoding: 'utf8' });
    assert.equal(u.status, 2);
    assert.match(u.stderr, /unknown command "frobnicate"/);
  });

  for (const engine of ENGINES) {
    test(`kill -9 right after acknowledgements loses no acknowledged event (${engine})`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, async () => {
      const db = await createTestDatabase(engine);
      dbs.push(db);
      const p = await startVigil(db);
      const acked: string[] = [];
      let n = 0;
      // Four writers keep requests in flight, so the kill lands mid-stream.
      const writer = async () => {
        for (;;) {
          const events = Array.from({ length: 50 }, () => {
            const i = n++;
            return ev({ id: `k-${i}`, session_id: 'killed', kind: 'tool_call', seq: i, time: Date.UTC(2026, 10, 21) + i, tool: { name: 'Bash', kind: 'shell' }, input: { command: `echo ${i}` } });
          });
          let r: Response;
          try {
            r = await postEvents(p.url, TOKEN, events);
            await r.json();
          } catch {
            return; // the server is gone
          }
          if (r.status !== 200) return;
          acked.push(...events.map((e) => e.id as string));
          if (acked.length >= 2000) {
            p.child.kill('SIGKILL');
            return;
          }
        }
      };
      await Promise.all([writer(), writer(), writer(), writer()]);
      await p.exited;
      assert.ok(acked.length >= 2000);

      const again = await startVigil(db);
      const stored = new Set(await sessionEventIds(again.url, TOKEN, 'killed'));
      const lost = acked.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], `${lost.length} acknowledged events lost`);
      // The session summary agrees with the events that survived.
      const s = (await (await fetch(`${again.url}/v1/sessions/killed?limit=1`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { session: { counters: { events: number } } };
      assert.equal(s.session.counters.events, stored.size);
      again.child.kill('SIGTERM');
      assert.equal(await again.exited, 0);
    });
  }

  test('SIGTERM lets in-flight requests finish, then exits 0', async () => {
    const db = await createTestDatabase('sqlite');
    dbs.push(db);
    const p = await startVigil(db);
    const events = Array.from({ length: 2000 }, (_, i) => ev({ id: `g-${i}`, session_id: 'graceful', time: Date.UTC(2026, 10, 21) + i, text: 'x'.repeat(500) }));
    // Truly in flight: the server has the request's headers and half its body when SIGTERM comes.
    const body = Buffer.from(JSON.stringify({ events }));
    const req = http.request(`${p.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': body.length } });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
    });
    req.write(body.subarray(0, body.length >> 1));
    await new Promise((r) => setTimeout(r, 200));
    p.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    req.end(body.subarray(body.length >> 1));
    const r = await answered;
    assert.equal(r.status, 200);
    assert.equal((JSON.parse(r.body) as { accepted: string[] }).accepted.length, 2000);
    assert.equal(await p.exited, 0);
    const again = await startVigil(db);
    assert.equal((await sessionEventIds(again.url, TOKEN, 'graceful')).length, 2000);
    again.child.kill('SIGTERM');
    await again.exited;
  });
});
