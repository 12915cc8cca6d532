import { useEffect, useMemo, useState } from 'react';
import { Badge } from '../../components/Badge';
import { ErrorBox, Loading } from '../../components/ErrorBox';
import { truncate } from '../../format';
import { Link } from '../../router';
import { buildItems } from './items';
import { Identity, PromptPanel, ToolsPanel } from './Panels';
import { RedactedBanner } from './Reveal';
import { Timeline } from './timeline/Timeline';
import { useSessionData } from './useSessionData';

export function SessionPage({ id }: { id: string }) {
  // After a reveal the session is loaded afresh (new key: fresh state, fresh polling).
  const [generation, setGeneration] = useState(0);
  return <SessionView key={generation} id={id} onRevealed={() => setGeneration((g) => g + 1)} />;
}

function SessionView({ id, onRevealed }: { id: string; onRevealed: () => void }) {
  const { session, events, error, loadingMore, live } = useSessionData(id);
  const items = useMemo(() => buildItems(events), [events]);
  // A session that cannot load is "ready" too (the error is what renders); the Timeline sets it otherwise.
  useEffect(() => {
    if (error && !session) document.body.dataset.ready = 'session';
  }, [error, session]);

  return (
    <div className="page page-session">
      <div className="page-head">
        <Link to="/sessions" className="back">
          ← Sessions
        </Link>
        <h1 className="session-title" title={id}>
          Session <span className="mono">{truncate(id, 48)}</span>
        </h1>
        {session ? <Badge value={session.security} /> : null}
        {session ? <Badge value={session.status} /> : null}
        {live ? (
          <span className="live" data-testid="live-indicator" title="New events appear every 2 seconds">
            <span className="live-dot" aria-hidden="true" />
            Live
          </span>
        ) : null}
      </div>
      <ErrorBox error={error} />
      {session?.redacted === true ? <RedactedBanner id={id} onRevealed={onRevealed} /> : null}
      {!session && !error ? <Loading what="Loading session" /> : null}
      {session ? (
        <div className="session-layout">
          <aside className="session-side">
            <Identity s={session} />
            <PromptPanel s={session} />
            <ToolsPanel s={session} />
          </aside>
          <Timeline items={items} live={live} loadingMore={loadingMore} />
        </div>
      ) : null}
    </div>
  );
}
