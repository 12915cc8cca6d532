import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A directory of ../shared/datasets (beside the project root), or why it is missing. Under CI it
 * must exist; elsewhere tests that need it skip with the reason.
 */
export function dataset(name: string): { dir: string; skip: string | false } {
  const dir = fileURLToPath(new URL(`../../../../../shared/datasets/${name}`, import.meta.url));
  const skip = existsSync(dir) ? false : `the dataset is not at ${dir}`;
  if (skip && process.env.CI) throw new Error(skip);
  return { dir, skip };
}
