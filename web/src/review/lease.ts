import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { heartbeat } from './review-api';

const WARN_SECONDS = 60;
/** No keyboard or pointer activity for this long: the reviewer stepped away, stop extending the lease. */
const IDLE_MS = 5 * 60_000;

export interface LeaseState {
  secondsLeft: number;
  warning: boolean;
  expired: boolean;
  /** Mark the lease lost (the server answered 409 to a verdict or a skip). */
  markLost: () => void;
}

/**
 * Counts the lease down, extends it with heartbeats while the tab is visible and the reviewer active, and
 * says when it is about to end or has ended.
 */
export function useLease(assignmentId: string, leaseExpiresAt: string): LeaseState {
  const [expiresAt, setExpiresAt] = useState(() => Date.parse(leaseExpiresAt));
  const [lost, setLost] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const lastActivity = useRef(now);
  const [current, setCurrent] = useState({ assignmentId, leaseExpiresAt });
  if (current.assignmentId !== assignmentId || current.leaseExpiresAt !== leaseExpiresAt) {
    setCurrent({ assignmentId, leaseExpiresAt });
    setExpiresAt(Date.parse(leaseExpiresAt));
    setLost(false);
  }

  const secondsLeft = Math.max(0, (expiresAt - now) / 1000);
  const expired = lost || secondsLeft <= 0;

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    const active = () => {
      lastActivity.current = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'scroll'] as const;
    events.forEach((e) => window.addEventListener(e, active, { passive: true, capture: true }));
    return () => events.forEach((e) => window.removeEventListener(e, active, { capture: true }));
  }, []);

  useEffect(() => {
    if (expired) return;
    // A third of the lease, so two heartbeats can fail before it ends; at most once a minute.
    const every = Math.min(60_000, Math.max(5_000, (Date.parse(leaseExpiresAt) - Date.now()) / 3));
    const beat = setInterval(() => {
      if (document.visibilityState !== 'visible' || Date.now() - lastActivity.current > IDLE_MS) return;
      heartbeat(assignmentId).then(
        (lease) => setExpiresAt(Date.parse(lease.leaseExpiresAt)),
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 409) setLost(true);
        },
      );
    }, every);
    return () => clearInterval(beat);
  }, [assignmentId, leaseExpiresAt, expired]);

  return { secondsLeft, warning: !expired && secondsLeft <= WARN_SECONDS, expired, markLost: () => setLost(true) };
}
