// Runs every detection evaluation (eval/dist/<name>/main.js) and prints their reports.
// `npm run eval -- secrets pii` runs only those.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
const names = readdirSync(join('eval', 'dist'))
  .filter((n) => existsSync(join('eval', 'dist', n, 'main.js')))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();
let failed = 0;
for (const n of names) {
  console.log(`\n## ${n}\n`);
  const r = spawnSync(process.execPath, [join('eval', 'dist', n, 'main.js')], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
