import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { dashboardKey, workloadKey } from './dashboard-api';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** After the stream was refused (not a dropped connection, which the browser retries itself), try again this late. */
const REOPEN_MS = 5000;

/**
 * Keeps the dashboard's answers fresh from the server's event stream (GET /events, Server-Sent Events): messages
 * name what changed and the matching queries are invalidated, so TanStack Query refetches what is on screen. The
 * browser reconnects by itself and the server starts a reconnect with `resync`.
 */
export function useLiveDashboard(): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const refetchAll = serialized(() => client.invalidateQueries({ queryKey: dashboardKey }));
    const refetchWorkload = serialized(() => client.invalidateQueries({ queryKey: workloadKey }));

    const open = () => {
      source = new EventSource('/events', { withCredentials: true });
      source.addEventListener('ready', () => setState('live'));
      source.addEventListener('resync', () => {
        setState('live');
        refetchAll();
      });
      source.addEventListener('queues', refetchWorkload);
      source.addEventListener('verdicts', refetchAll);
      source.onerror = () => {
        setState('reconnecting');
        if (source?.readyState !== EventSource.CLOSED) return;
        // Refused (a 401 after the session ended, a 503): the API call tells the shell if the session is gone.
        void client.invalidateQueries({ queryKey: ['me'] });
        reopen = setTimeout(open, REOPEN_MS);
      };
    };
    open();
    return () => {
      clearTimeout(reopen);
      source?.close();
    };
  }, [client]);

  return state;
}

/**
 * One refetch at a time, and one more after it when messages came meanwhile: under a stream of messages the
 * figures are refetched back to back, never cancelled half-way (they would never arrive) and never stacked.
 */
function serialized(refetch: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        await refetch().catch(() => undefined);
      } while (again);
      running = false;
    })();
  };
}
