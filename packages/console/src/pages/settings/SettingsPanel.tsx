import type { ReactNode } from 'react';
import type { SettingsMeta } from '../../api/types';
import { Updated } from './Updated';

/** A settings document's panel: its title, when and by whom it last changed, then its fields. */
export function SettingsPanel({ title, meta, children }: { title: string; meta: SettingsMeta; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <Updated meta={meta} />
      {children}
    </section>
  );
}
