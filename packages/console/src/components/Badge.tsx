import type { ReactNode } from 'react';

// One colour language everywhere: red = blocked, amber = alerted/masked, green = clean/pass.
const TONES: Record<string, string> = {
  blocked: 'red',
  block: 'red',
  error: 'red',
  critical: 'red',
  high: 'red',
  alerted: 'amber',
  alert: 'amber',
  mask: 'amber',
  medium: 'amber',
  clean: 'green',
  pass: 'green',
  allowed: 'green',
  active: 'blue',
  low: 'grey',
  info: 'grey',
};

export function Badge({ value, label, title, testId }: { value: string; label?: ReactNode; title?: string; testId?: string }) {
  const tone = TONES[value] ?? 'grey';
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {label ?? value}
    </span>
  );
}
