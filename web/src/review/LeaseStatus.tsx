import { formatCountdown } from '../format';
import type { LeaseState } from './lease';

export function LeaseStatus({ lease }: { lease: LeaseState }) {
  if (lease.expired) return null;
  return (
    <div className={lease.warning ? 'lease warning' : 'lease'}>
      <span>
        Lease: <strong>{formatCountdown(lease.secondsLeft)}</strong> left
      </span>
      {lease.warning && (
        <p role="alert" className="lease-warning">
          ⚠ Your lease on this claim ends in under a minute. Keep working to extend it, or submit now.
        </p>
      )}
    </div>
  );
}
