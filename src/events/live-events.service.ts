import { BeforeApplicationShutdown, Injectable, Logger, MessageEvent } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Observable, Subject } from 'rxjs';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { InvalidationListener, MISSED } from '../database/invalidation-listener.service';
import { QueuesService } from '../review/queues/queues.service';
import { Role } from '../users/role';
import { parseReviewActivity, ReviewActivity } from '../review/review-activity';

/** Events of one window go out as one message: a burst of verdicts costs each client one refetch, not hundreds. */
const COALESCE_MS = 250;
/** A comment now and then, so proxies and load balancers do not close an idle stream. */
const KEEP_ALIVE_MS = 25_000;
/**
 * A stream ends after this long and the browser reconnects by itself (and resynchronises): that re-checks the
 * session, so a stream never outlives an expired one by more than this.
 */
const MAX_STREAM_MS = 10 * 60_000;
/** How long the browser waits before reconnecting after a stream ends or drops. */
const RETRY_MS = 1000;

type Signal =
  | { kind: 'activity'; activity: ReviewActivity }
  | { kind: 'missed' }
  | { kind: 'queues-changed' }
  | { kind: 'user-changed'; userId: string };

/**
 * The live event stream behind `GET /events`. It is fed by this instance's one LISTEN connection (every
 * instance hears every commit, whoever made it) and filtered per connection by role: editors and admins hear all
 * queues and all verdicts; a reviewer hears the queues they may pull from and their own verdicts only.
 */
@Injectable()
export class LiveEventsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveEvents');
  private readonly signals = new Subject<Signal>();
  /** Event ids are `<instance>-<sequence>`: a reconnecting client's Last-Event-ID cannot be replayed, so it is told to resync. */
  private readonly instance = randomBytes(4).toString('hex');
  private sequence = 0;

  constructor(
    listener: InvalidationListener,
    private readonly queues: QueuesService,
  ) {
    listener.subscribe((payload) => {
      if (payload === MISSED) return this.signals.next({ kind: 'missed' });
      const activity = parseReviewActivity(payload);
      if (activity) this.signals.next({ kind: 'activity', activity });
    }, 'review_activity');
    listener.subscribe((key) => {
      if (key === 'queues' || key === MISSED) this.signals.next({ kind: 'queues-changed' });
      else if (key.startsWith('user:')) this.signals.next({ kind: 'user-changed', userId: key.slice('user:'.length) });
    });
  }

  /** Ends every stream before the HTTP server closes (it waits for open responses). */
  beforeApplicationShutdown(): void {
    this.signals.complete();
  }

  /**
   * One client's stream: `ready` (or `resync` when it reconnects with a Last-Event-ID: what it missed is not
   * kept, so it refetches), then `queues` and `verdicts` messages naming what changed, and `resync` whenever this
   * instance may have missed notifications itself.
   */
  stream(user: AuthUser, lastEventId: string | undefined): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const message = (type: string, data: object): MessageEvent => ({
        type,
        id: `${this.instance}-${++this.sequence}`,
        data,
      });
      const editorial = user.role !== Role.Reviewer;
      /** Reviewers' visible queues; null until first loaded (events meanwhile wait in `pending`). */
      let visible: Set<string> | null = null;
      let pending = { queueIds: new Set<string>(), verdicts: 0, verdictQueueIds: new Set<string>() };
      let flushTimer: NodeJS.Timeout | undefined;
      let started = false;

      const loadVisible = async () => {
        if (editorial) return;
        try {
          visible = new Set((await this.queues.pullableBy(user)).map(({ queue }) => queue.id));
        } catch (error) {
          // Keep the set we had (none yet: nothing is sent); the next queue change or reconnect tries again.
          this.logger.warn(`Could not load the queues of ${user.id}: ${(error as Error).message}`);
        }
      };
      const mayHearQueue = (queueId: string) => editorial || (visible?.has(queueId) ?? false);

      const flush = () => {
        flushTimer = undefined;
        if (!started) return;
        const queueIds = [...pending.queueIds].filter(mayHearQueue);
        const { verdicts, verdictQueueIds } = pending;
        pending = { queueIds: new Set(), verdicts: 0, verdictQueueIds: new Set() };
        if (queueIds.length) subscriber.next(message('queues', { queueIds }));
        if (verdicts) subscriber.next(message('verdicts', { count: verdicts, queueIds: [...verdictQueueIds] }));
      };
      const schedule = () => (flushTimer ??= setTimeout(flush, COALESCE_MS));

      const onSignal = (signal: Signal) => {
        switch (signal.kind) {
          case 'activity': {
            const { activity } = signal;
            if (activity.kind === 'queue') pending.queueIds.add(activity.queueId);
            else if (editorial || activity.reviewerId === user.id) {
              pending.verdicts++;
              pending.verdictQueueIds.add(activity.queueId);
            } else return;
            schedule();
            return;
          }
          case 'missed':
            if (started) subscriber.next(message('resync', { reason: 'missed' }));
            return;
          case 'queues-changed':
            void loadVisible();
            return;
          case 'user-changed':
            // A role change, deactivation or revoked tokens: end the stream; the reconnect is authenticated afresh.
            if (signal.userId === user.id) subscriber.complete();
            return;
        }
      };

      const subscription = this.signals.subscribe({ next: onSignal, complete: () => subscriber.complete() });
      const keepAlive = setInterval(() => subscriber.next({ comment: 'keep-alive' }), KEEP_ALIVE_MS);
      const lifetime = setTimeout(() => subscriber.complete(), MAX_STREAM_MS);
      void loadVisible().then(() => {
        if (subscriber.closed) return;
        started = true;
        subscriber.next({
          ...message(lastEventId ? 'resync' : 'ready', { reason: lastEventId ? 'reconnected' : 'connected' }),
          retry: RETRY_MS,
        });
        if (pending.queueIds.size || pending.verdicts) schedule();
      });

      return () => {
        subscription.unsubscribe();
        clearInterval(keepAlive);
        clearTimeout(lifetime);
        clearTimeout(flushTimer);
      };
    });
  }
}
