import { ApiError, messageOf } from '../api/client';

/** An API error in place: the server's message as text (403 says what the role may not do). */
export function ErrorBox({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className="error-box" role="alert" data-testid={testId ?? 'error'}>
      {forbidden ? <strong>Not allowed: </strong> : null}
      {messageOf(error)}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return <div className="loading muted">{what}…</div>;
}
