import type { SettingsMeta } from '../../api/types';
import { Time } from '../../components/Time';

export function Updated({ meta }: { meta: SettingsMeta }) {
  if (!meta.updated_ms) return <p className="meta muted">Defaults (never changed).</p>;
  return (
    <p className="meta muted">
      Last changed <Time value={meta.updated_ms} />
      {meta.updated_by ? ` by ${meta.updated_by}` : ''}
    </p>
  );
}
