import { Injectable } from '@nestjs/common';
import { pipeline } from 'node:stream';
import { AuditRepository } from '../audit/audit.repository';
import { FINAL_LABELS } from '../claims/claim-lifecycle';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { AppConfig } from '../config/app-config';
import { ExportQueryDto } from './dtos/export-query.dto';
import { decodeCursor, encodeCursor } from './export-cursor';
import { ExportFilters } from './export-filters';
import { ExportSnapshot } from './export-snapshot';
import { ExportException } from './export.exception';
import { ExportsRepository } from './exports.repository';
import { createFormatter } from './formatters/create-formatter';
import { FormatStream } from './formatters/format-stream';

/** An export ready to stream: everything a response (or a file) needs before the first byte. */
export interface ExportFile {
  cursor: string;
  contentType: string;
  filename: string;
  stream: FormatStream;
  /** Rows the stream will carry (only when asked for: it costs a count query). */
  total?: number;
}

@Injectable()
export class ExportsService {
  private running = 0;

  constructor(
    private readonly exports: ExportsRepository,
    private readonly audit: AuditRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Opens the export's snapshot, records the download, and returns the formatted stream. The stream owns the
   * snapshot's connection: it is released when the stream ends, fails or is destroyed (a client going away).
   * `actor` is null for the CLI.
   */
  async open(actor: AuthUser | null, query: ExportQueryDto, options: { count?: boolean } = {}): Promise<ExportFile> {
    // Each export holds a pool connection for its whole stream and briefly needs a second one for the audit row:
    // capping them at half the pool keeps a burst of downloads from taking every connection and waiting forever.
    const limit = Math.max(1, Math.floor(this.config.dbPoolSize / 2));
    if (this.running >= limit) throw new ExportException('EXPORT_BUSY', `At most ${limit} exports run at once; retry shortly`);
    this.running++;
    let snapshot: ExportSnapshot | undefined;
    try {
      const filters = await this.filters(query);
      snapshot = await this.exports.openSnapshot();
      const scoped = { ...filters, horizon: snapshot.horizon };
      const cursor = encodeCursor(snapshot.horizon);
      const total = options.count ? await snapshot.count(scoped) : undefined;
      // Written on another connection, so the export's own transaction stays read-only (see ExportSnapshot).
      await this.audit.record({ actorId: actor?.id ?? null, action: 'export.download', entity: 'export', entityId: null, after: { format: query.format, filters: describe(query), cursor } });
      const formatter = createFormatter(query.format, { cursor, includeVerdicts: filters.includeVerdicts, safe: query.safe === true, claimReview: this.config.claimReview });
      const stream = new FormatStream(formatter);
      const opened = snapshot;
      pipeline(opened.rows(scoped, formatter.projection), stream, () => void opened.close().finally(() => this.running--));
      const stamp = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
      return { cursor, contentType: formatter.contentType, filename: `verdicts-${stamp}.${formatter.extension}`, stream, total };
    } catch (error) {
      await snapshot?.close();
      this.running--;
      throw error;
    }
  }

  private async filters(q: ExportQueryDto): Promise<Omit<ExportFilters, 'horizon'>> {
    let queueId: string | undefined;
    if (q.queue) {
      queueId = (await this.exports.queueId(q.queue)) ?? undefined;
      if (!queueId) throw new ExportException('EXPORT_QUEUE_NOT_FOUND', `Queue ${q.queue} not found`);
    }
    return {
      statuses: q.status ?? [...FINAL_LABELS],
      since: q.since === undefined ? undefined : decodeCursor(q.since),
      from: q.from,
      to: q.to,
      source: q.source,
      articleId: q.articleId,
      queueId,
      reviewerId: q.reviewer,
      includeVerdicts: q.include === 'verdicts',
    };
  }
}

/** The filters as the caller gave them, for the audit log. */
function describe(q: ExportQueryDto): Record<string, unknown> {
  const { format: _format, ...filters } = q;
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
}
