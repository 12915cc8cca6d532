// Real text nobody labelled, for throughput and false positives per MB: .js/.ts files from
// node_modules, package-lock.json and `git log -p` of this repository (eval/src/realtext.ts).
import { loadRealText as load, type Doc } from '../realtext.js';

export type { Doc };

export function loadRealText(limitMb: number): Doc[] {
  return load({ limitMb, files: /\.(?:[cm]?js|ts)$/, gitChars: limitMb * 2e5, exact: true });
}

/** Docs cut into parts the size of a large tool output. */
export function toChunks(docs: readonly Doc[], size: number): { doc: Doc; text: string }[] {
  const out: { doc: Doc; text: string }[] = [];
  for (const d of docs) for (let i = 0; i < d.text.length; i += size) out.push({ doc: d, text: d.text.slice(i, i + size) });
  return out;
}
