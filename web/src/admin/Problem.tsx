import { ApiError, problemsOf } from '../api/client';

/** What an admin can do about a refusal whose reason the service names (the rule itself is the service's). */
const WHAT_TO_DO: Record<string, string> = {
  LAST_ACTIVE_ADMIN:
    'At least one active admin must remain, so nobody is locked out of managing accounts. Make another account an admin first, then try again.',
  USER_EMAIL_TAKEN:
    'Each email belongs to one account. Find the existing one with the search above, or use another email.',
  QUEUE_SLUG_TAKEN: 'Queue names are unique. Pick another one.',
};

/** A refused request in words: the service's message (each bad field of a 400) and, for known cases, what to do. */
export function Problem({ error, title }: { error: unknown; title: string }) {
  const code = error instanceof ApiError ? error.code : undefined;
  const advice = code ? WHAT_TO_DO[code] : undefined;
  return (
    <div className="error" role="alert">
      <strong>{title}</strong>
      <ul>
        {problemsOf(error).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {advice && <p>{advice}</p>}
    </div>
  );
}
