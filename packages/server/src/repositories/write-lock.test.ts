import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { WriteLock } from './write-lock.js';

// Each thread does a read, a pause and a write of a shared counter: without mutual exclusion,
// increments from the two threads overwrite each other.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { lockModule, buffer, counter, owner, rounds } = workerData;
import(lockModule).then(({ WriteLock }) => {
  const lock = new WriteLock(buffer, owner);
  const c = new Int32Array(counter);
  // Start together: both threads arrive before either begins.
  Atomics.add(c, 1, 1);
  while (Atomics.load(c, 1) < 2);
  let sink = 0;
  for (let i = 0; i < rounds; i++) {
    lock.acquire();
    const v = c[0];
    for (let k = 0; k < 2000; k++) sink += Math.sqrt(k + i);
    c[0] = v + 1;
    lock.release();
  }
  parentPort.postMessage(sink > 0 ? 'done' : 'none');
});
`;

function run(buffer: SharedArrayBuffer, counter: SharedArrayBuffer, owner: number, rounds: number): Promise<void> {
  const w = new Worker(WORKER, { eval: true, workerData: { lockModule: new URL('./write-lock.js', import.meta.url).href, buffer, counter, owner, rounds } });
  return new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  }).then(() => w.terminate().then(() => undefined));
}

describe('WriteLock', () => {
  test('threads holding it never interleave', async () => {
    const buffer = WriteLock.allocate();
    const counter = new SharedArrayBuffer(8);
    await Promise.all([run(buffer, counter, 3, 5000), run(buffer, counter, 4, 5000)]);
    assert.equal(new Int32Array(counter)[0], 10000);
  });

  test('a lock left by a thread that died can be freed for it, and only for it', () => {
    const buffer = WriteLock.allocate();
    const dead = new WriteLock(buffer, 7);
    dead.acquire();
    assert.equal(WriteLock.releaseFor(buffer, 8), false);
    assert.equal(WriteLock.releaseFor(buffer, 7), true);
    const next = new WriteLock(buffer, 8);
    next.acquire();
    assert.throws(() => next.acquire(), /not re-entrant/);
    next.release();
  });
});
