import { memo } from 'react';

// The capture group keeps the markers in the split result, at odd indices.
const MASK = /(\[MASKED:[^\]]+\])/;

/** Text with `[MASKED:<scanner>/<rule>]` markers set apart; everything stays a text child. */
export const MaskedText = memo(function MaskedText({ text }: { text: string }) {
  if (!text.includes('[MASKED:')) return <>{text}</>;
  const parts = text.split(MASK);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <span key={i} className="masked" title="Masked by Vigil">
            {p}
          </span>
        ) : (
          p
        ),
      )}
    </>
  );
});
