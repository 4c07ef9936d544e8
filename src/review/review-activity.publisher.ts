import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionContext } from '../database/transaction-context';
import { ReviewActivity } from './review-activity';

/** A window's payloads go out in one transaction: one serialized commit per window, not one per pull or verdict. */
const BATCH_MS = 50;

/**
 * Announces the hot statements' review activity on `review_activity`, the channel the trigger feeds for every other
 * writer. The statements silence the trigger (QUIET_REVIEW_ACTIVITY) because each NOTIFY would make their commit
 * wait for every other notifying commit; here, payloads wait until the caller's transaction has committed (a
 * dashboard refetching on them must see the change), are deduplicated, and are sent in one statement per window
 * on a pooled connection, outside any transaction of the request.
 */
@Injectable()
export class ReviewActivityPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ReviewActivity');
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionContext,
  ) {}

  publish(...activities: ReviewActivity[]): void {
    this.tx.afterCommit(() => {
      for (const activity of activities) this.pending.add(JSON.stringify(activity));
      this.timer ??= setTimeout(() => void this.flush(), BATCH_MS);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.flush();
  }

  /** Sends what is pending; one send at a time, so payloads keep their order across windows. */
  flush(): Promise<void> {
    this.timer = undefined;
    const payloads = [...this.pending];
    this.pending = new Set();
    if (!payloads.length) return this.sending;
    this.sending = this.sending.then(async () => {
      try {
        await this.dataSource.query(`SELECT pg_notify('review_activity', p) FROM unnest($1::text[]) AS p`, [payloads]);
      } catch (error) {
        // Live dashboards miss this window (they resync on their next event or reconnect); the work itself is stored.
        this.logger.warn(
          `Could not publish ${payloads.length} review activity notifications: ${(error as Error).message}`,
        );
      }
    });
    return this.sending;
  }
}
