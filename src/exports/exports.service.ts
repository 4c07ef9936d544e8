import { Injectable, Logger } from '@nestjs/common';
import { finished, pipeline } from 'node:stream';
import { finished as streamFinished } from 'node:stream/promises';
import { AuditService } from '../audit/audit.service';
import { FINAL_LABELS } from '../review/claim-lifecycle';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { AppConfig } from '../config/app-config';
import { decodeCursor, encodeCursor, highestHorizon } from './export-cursor';
import { ExportFilters } from './export-filters';
import { ExportCount, ExportRequest } from './export.types';
import { ExportSnapshot } from './export-snapshot';
import { ExportException } from './export.exception';
import { ExportsRepository } from './exports.repository';
import { createFormatter } from './formatters/create-formatter';
import { ClaimReviewFormatter, SkippedClaim } from './formatters/claim-review.formatter';
import { FormatStream } from './formatters/format-stream';
import { destroyWhenIdle, ExportIdleTimeout } from './idle-watch';

/** An export ready to stream: everything a response (or a file) needs before the first byte. */
export interface ExportFile {
  cursor: string;
  contentType: string;
  filename: string;
  stream: FormatStream;
  /** Rows the stream will carry (only when asked for: it costs a count query). */
  total?: number;
  /** ClaimReview only: claims that gave no valid markup, filled as the stream runs (complete once it ends). */
  skipped?: SkippedClaim[];
}

/** How an export that had begun ended, as its audit row says. */
type Outcome =
  | { action: 'export.download' }
  | { action: 'export.failed'; reason: 'client_closed' | 'idle_timeout' | 'error'; error?: string };

@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);
  private running = 0;

  /** Exports holding a snapshot on this instance now (streaming, or about to): the metrics' export streams open. */
  get streamsOpen(): number {
    return this.running;
  }

  constructor(
    private readonly exports: ExportsRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks every parameter, opens the export's snapshot and returns the formatted stream once its query has produced
   * its first rows, so anything wrong with the request is an error answer, never a cut-off file. The stream owns
   * the snapshot's connection: it is released when the stream ends, fails, is destroyed (a client going away) or
   * its reader stalls for EXPORT_IDLE_TIMEOUT_SECONDS. How it ended is audited (`export.download` once every byte
   * was taken, `export.failed` with the reason otherwise). `actor` is null for the CLI.
   */
  async open(actor: AuthUser | null, query: ExportRequest, options: { count?: boolean } = {}): Promise<ExportFile> {
    const filters = await this.filters(query);
    // Each export holds a pool connection for its whole stream and briefly needs a second one for the audit row:
    // capping them at half the pool keeps a burst of downloads from taking every connection and waiting forever.
    const limit = Math.max(1, Math.floor(this.config.dbPoolSize / 2));
    if (this.running >= limit)
      throw new ExportException('EXPORT_BUSY', `At most ${limit} exports run at once; retry shortly`);
    this.running++;
    let snapshot: ExportSnapshot | undefined;
    try {
      const { perUser, idleTimeoutMs } = this.config.exportLimits;
      snapshot = await this.exports.openSnapshot(2 * idleTimeoutMs, highestHorizon([filters.since, filters.until]));
      if (actor && !(await snapshot.takeSlot(`export:${actor.id}`, perUser))) {
        throw new ExportException(
          'EXPORT_USER_LIMIT',
          `At most ${perUser} exports per user run at once; retry when one has ended`,
        );
      }
      const horizon = windowEnd(filters.until, snapshot.horizon);
      const scoped = { ...filters, horizon };
      const cursor = encodeCursor(horizon);
      const total = options.count ? await snapshot.count(scoped) : undefined;
      const csv = query.format === 'csv';
      const formatter = createFormatter(query.format, {
        cursor,
        includeVerdicts: filters.includeVerdicts,
        safe: query.safe !== false,
        bom: query.bom === true,
        claimReview: this.config.claimReview,
      });
      const stream = new FormatStream(formatter);
      const opened = snapshot;
      let reportFailure!: (error: Error) => void;
      const failed = new Promise<Error>((resolve) => (reportFailure = resolve));
      let ended = false;
      const end = (error: Error | null | undefined) => {
        if (error) reportFailure(error);
        if (ended) return;
        ended = true;
        void opened.close().finally(() => this.running--);
      };
      pipeline(opened.rows(scoped, formatter.projection), stream, end);
      opened.onConnectionLost((error) => {
        stream.destroy(error);
        end(error);
      });
      snapshot = undefined; // the pipeline closes it from here on
      const early = await Promise.race([stream.started.then(() => null), failed]);
      if (early) throw early;
      destroyWhenIdle(stream, idleTimeoutMs);
      const audited = {
        format: query.format,
        filters: describe(query),
        cursor,
        ...(csv && { safe: query.safe !== false }),
      };
      finished(stream, (error) => void this.recordOutcome(actor, audited, stream, error));
      const stamp = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
      const skipped = formatter instanceof ClaimReviewFormatter ? formatter.skipped : undefined;
      return {
        cursor,
        contentType: formatter.contentType,
        filename: `verdicts-${stamp}.${formatter.extension}`,
        stream,
        total,
        skipped,
      };
    } catch (error) {
      if (snapshot) {
        await snapshot.close();
        this.running--;
      }
      throw error;
    }
  }

  /**
   * How many rows an export with these filters would carry now, and the cursor it would end at: the count and the
   * horizon come from one snapshot, like an export's. No export slot is taken and nothing is audited (no data leaves).
   */
  async count(query: ExportRequest): Promise<ExportCount> {
    const filters = await this.filters(query);
    const snapshot = await this.exports.openSnapshot(
      2 * this.config.exportLimits.idleTimeoutMs,
      highestHorizon([filters.since, filters.until]),
    );
    try {
      const horizon = windowEnd(filters.until, snapshot.horizon);
      return { rows: await snapshot.count({ ...filters, horizon }), cursor: encodeCursor(horizon) };
    } finally {
      await snapshot.close();
    }
  }

  /** The final claims a ClaimReview export with these filters leaves out, and why (the same rows, not sent). */
  async claimReviewSkipped(
    actor: AuthUser | null,
    query: ExportRequest,
  ): Promise<{ cursor: string; skipped: SkippedClaim[] }> {
    const file = await this.open(actor, { ...query, format: 'claimreview' });
    file.stream.resume();
    await streamFinished(file.stream);
    return { cursor: file.cursor, skipped: file.skipped ?? [] };
  }

  /** Written on a connection of its own, so the export's transaction stays read-only (see ExportSnapshot). */
  private async recordOutcome(
    actor: AuthUser | null,
    audited: Record<string, unknown>,
    stream: FormatStream,
    error?: Error | null,
  ): Promise<void> {
    const outcome: Outcome = !error
      ? { action: 'export.download' }
      : error instanceof ExportIdleTimeout
        ? { action: 'export.failed', reason: 'idle_timeout' }
        : (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE'
          ? { action: 'export.failed', reason: 'client_closed' }
          : { action: 'export.failed', reason: 'error', error: error.message };
    if (outcome.action === 'export.failed' && outcome.reason === 'error')
      this.logger.error(`export failed mid-stream: ${error?.stack}`);
    const { action, ...why } = outcome;
    await this.audit
      .record({
        actorId: actor?.id ?? null,
        action,
        entity: 'export',
        entityId: null,
        after: { ...audited, rows: stream.rows, ...why },
      })
      .catch((auditError: Error) => this.logger.error(`could not audit ${action}: ${auditError.message}`));
  }

  /** Every parameter resolved and checked before any connection is taken or byte written. */
  private async filters(q: ExportRequest): Promise<Omit<ExportFilters, 'horizon'> & { until?: string }> {
    const unstorable = await this.exports.unstorableTimestamps({ from: q.from, to: q.to });
    if (unstorable.length) {
      throw new ExportException('EXPORT_BAD_FILTER', `${unstorable.join(', ')}: not a timestamp PostgreSQL can store`, {
        fields: unstorable,
      });
    }
    let queueId: string | undefined;
    if (q.queue) {
      queueId = (await this.exports.queueId(q.queue)) ?? undefined;
      if (!queueId) throw new ExportException('EXPORT_QUEUE_NOT_FOUND', `Queue ${q.queue} not found`);
    }
    return {
      statuses: q.status ?? [...FINAL_LABELS],
      since: q.since === undefined ? undefined : decodeCursor(q.since),
      until: q.until === undefined ? undefined : decodeCursor(q.until),
      from: q.from,
      to: q.to,
      source: q.source,
      articleId: q.articleId,
      claimId: q.claimId,
      queueId,
      reviewerId: q.reviewer,
      includeVerdicts: q.include === 'verdicts',
    };
  }
}

/** `until` repeats an earlier export's window (its cursor), as far as those claims did not change since. */
function windowEnd(until: string | undefined, horizon: string): string {
  return until !== undefined && BigInt(until) < BigInt(horizon) ? until : horizon;
}

/** The filters as the caller gave them, for the audit log (output options are not filters). */
function describe(q: ExportRequest): Record<string, unknown> {
  const { format: _format, safe: _safe, bom: _bom, ...filters } = q;
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
}
