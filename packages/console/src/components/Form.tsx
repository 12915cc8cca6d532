import type { ReactNode } from 'react';

/** The options of a select, one a value, each shown as itself. */
export function Options({ values }: { values: readonly string[] }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </>
  );
}

type CheckProps = {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  testId: string;
  /** The label after the box. */
  children: ReactNode;
} & { [k: `data-${string}`]: string };

/** A checkbox with its label. */
export function Check({ checked, onChange, disabled, testId, children, ...data }: CheckProps) {
  return (
    <label className="check">
      <input type="checkbox" data-testid={testId} {...data} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
