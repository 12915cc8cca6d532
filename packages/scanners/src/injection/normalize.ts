// A short stretch of text put into one canonical form so the phrase patterns stay simple:
// lower case; zero-width and soft-hyphen characters removed (they split words to dodge filters);
// markdown emphasis and backticks removed; escaped newlines and tabs ("\n" inside JSON or YAML
// strings), YAML line continuations ("\" at a line end) and whitespace runs collapsed to one space,
// or to "\n" when the run held a line break, so sentence starts stay visible.

// Invisible characters and emphasis, removed in one pass.
const DROPPED = /[\u00AD\u200B-\u200D\u2060\uFEFF*`]/g;
// Runs of whitespace; a lone space is already in canonical form, so it is not matched (most runs
// are one space between words, and each match costs a call of the replacer).
const UNIT = '(?:\\\\[nrt]|\\\\(?=\\s)|\\s)';
const SPACE_RUN = new RegExp(`${UNIT}{2,4096}|\\\\[nrt]|\\\\(?=\\s)|[^\\S ]`, 'g');

export function normalize(s: string): string {
  let t = s;
  if (t.length === 0) return t;
  t = t.replace(DROPPED, '');
  t = t.replace(SPACE_RUN, (m) => (m.includes('\n') || m.includes('\\n') || m.includes('\r') ? '\n' : ' '));
  return t.toLowerCase();
}
