import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ../shared/datasets beside the project root (eval/dist/datasets.js is three levels down), or VIGIL_DATASETS.
const ROOT = process.env.VIGIL_DATASETS ? resolve(process.env.VIGIL_DATASETS) : fileURLToPath(new URL('../../../shared/datasets', import.meta.url));

/** A directory of the shared datasets, or why it is missing (tests skip with that reason, printed). */
export function dataset(name: string): { dir: string; skip: string | false } {
  const dir = `${ROOT}/${name}`;
  const skip = existsSync(dir) ? false : `dataset not found at ${dir} (set VIGIL_DATASETS to the datasets directory)`;
  if (skip) process.stderr.write(`note: skipping what needs ${name}: ${skip}\n`);
  return { dir, skip };
}

/** Project-relative path of a committed corpus under eval/corpora/. */
export function corpus(rel: string): string {
  return fileURLToPath(new URL(`../corpora/${rel}`, import.meta.url));
}

export interface Score { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }

export function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}
