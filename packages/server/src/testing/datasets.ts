import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ../shared/datasets beside the project root, or VIGIL_DATASETS.
const ROOT = process.env.VIGIL_DATASETS ? resolve(process.env.VIGIL_DATASETS) : fileURLToPath(new URL('../../../../../shared/datasets', import.meta.url));

/**
 * A directory of the shared datasets, or why it is missing: tests that need it skip with that
 * reason, printed, rather than fail on a checkout that has no datasets beside it.
 */
export function dataset(name: string): { dir: string; skip: string | false } {
  const dir = `${ROOT}/${name}`;
  const skip = existsSync(dir) ? false : `dataset not found at ${dir} (set VIGIL_DATASETS to the datasets directory)`;
  if (skip) process.stderr.write(`note: skipping tests that need ${name}: ${skip}\n`);
  return { dir, skip };
}
