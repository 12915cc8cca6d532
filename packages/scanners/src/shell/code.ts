import type { ShellCommand } from './types.js';
import { isInterpreter, SHELLS } from './words.js';

/** The code an interpreter one-liner runs: python -c, perl -e, node -e, php -r, ruby -e, or its here-document. */
export function interpreterCode(c: ShellCommand): string | undefined {
  if (!isInterpreter(c.name) || SHELLS.has(c.name)) return undefined;
  const a = c.argv;
  const parts: string[] = [];
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    if (/^-(?:c|e|E|r|-eval|p|-print|command)$/i.test(x) && i + 1 < a.length) { parts.push(a[i + 1]!); i++; continue; }
    // Attached form: ruby -e'…', perl -e'…', python -c'…' arrive as one word "-e…".
    if (/^-[ceEr]./.test(x) && !/^-[ceEr][a-zA-Z]*$/.test(x)) { parts.push(x.slice(2)); continue; }
    if (/^-[a-zA-Z]*e$/.test(x) && i + 1 < a.length && !c.name.startsWith('python')) { parts.push(a[i + 1]!); i++; continue; }
    if (/^-r[a-z]/.test(x) || /^-M/.test(x)) parts.push(x); // ruby -rsocket, perl -MIO::Socket
    if (c.name.endsWith('awk') && !x.startsWith('-')) { parts.push(x); break; }
  }
  if (c.name === 'pwsh' || c.name === 'powershell') parts.push(a.slice(1).join(' '));
  if (c.stdinText !== undefined) parts.push(c.stdinText);
  return parts.length > 0 ? parts.join('\n').slice(0, 65536) : undefined;
}
