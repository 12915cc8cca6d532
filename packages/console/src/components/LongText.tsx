import { useState } from 'react';
import { MaskedText } from './MaskedText';

const MAX_LINES = 20;
const MAX_CHARS = 4000;

/** Where to cut a long text (~20 lines or 4,000 characters), or null when it fits. */
export function cutAt(text: string, maxLines = MAX_LINES): number | null {
  let at = -1;
  for (let i = 0; i < maxLines; i++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) break;
  }
  const byLines = at === -1 ? text.length : at;
  const cut = Math.min(byLines, MAX_CHARS);
  return cut < text.length ? cut : null;
}

interface Props {
  text: string;
  className?: string;
  testId?: string;
  /** Controlled expansion (the virtualised timeline keeps it across unmounts). */
  expanded?: boolean;
  onToggle?: () => void;
  /** Lines shown while collapsed. */
  lines?: number;
}

/** Pre-wrapped text, collapsed when long, with a "show all" toggle. */
export function LongText({ text, className = 'code', testId, expanded, onToggle, lines }: Props) {
  const [own, setOwn] = useState(false);
  const open = expanded ?? own;
  const toggle = onToggle ?? (() => setOwn((v) => !v));
  const cut = cutAt(text, lines);
  const shown = cut === null || open ? text : text.slice(0, cut);
  return (
    <div className="longtext">
      <pre className={className} data-testid={testId}>
        <MaskedText text={shown} />
        {cut !== null && !open ? <span className="muted">{'\n…'}</span> : null}
      </pre>
      {cut !== null ? (
        <button type="button" className="link-button" data-testid="show-all" onClick={toggle}>
          {open ? 'Show less' : `Show all (${countLines(text).toLocaleString()} lines, ${text.length.toLocaleString()} chars)`}
        </button>
      ) : null}
    </div>
  );
}

function countLines(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
