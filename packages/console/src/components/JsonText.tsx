import { pretty } from '../format';
import { LongText } from './LongText';

/** Any JSON value as pretty-printed text (never parsed as markup). */
export function JsonText({ value, testId, lines }: { value: unknown; testId?: string; lines?: number }) {
  return <LongText text={pretty(value)} testId={testId} lines={lines} />;
}
