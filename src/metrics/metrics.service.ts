import { Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '../config/app-config';
import { ReadReplica } from '../database/read-replica.service';
import { ExportsService } from '../exports/exports.service';
import { LeaseSweeper } from '../review/assignments/lease-sweeper.service';
import { StatsService } from '../stats/stats.service';
import { QueueBacklog } from '../stats/stats.types';

/** Seconds: a pull or a verdict takes milliseconds, an export streams for minutes. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];
/** Requests no route matched (scanners, typos): one label, not one series per URL. */
const UNMATCHED = '(unmatched)';

/**
 * This instance's Prometheus metrics, in a registry of its own (several apps may share a process in tests). Request
 * latencies are observed as responses leave; everything else is read at scrape time from its owner: the pool, the
 * queues' backlog (one query), the lease sweeper, the export service and the read replica's last check.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  /** The queues' backlog of the scrape under way: one query for the three gauges that show it. */
  private backlog?: Promise<QueueBacklog[] | null>;

  constructor(
    dataSource: DataSource,
    config: AppConfig,
    private readonly stats: StatsService,
    sweeper: LeaseSweeper,
    exports: ExportsService,
    replica: ReadReplica,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'factcheck_' });
    this.requestDuration = new Histogram({
      name: 'factcheck_http_request_duration_seconds',
      help: 'HTTP request latency by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });

    const pool = () => (dataSource.driver as PostgresDriver).master as Pool;
    const poolGauge = (name: string, help: string, read: (p: Pool) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect: function () {
          this.set(read(pool()));
        },
      });
    poolGauge(
      'factcheck_db_pool_max_connections',
      'Connections the pool may open (DB_POOL_SIZE)',
      () => config.dbPoolSize,
    );
    poolGauge(
      'factcheck_db_pool_open_connections',
      'Connections the pool holds open, busy or idle',
      (p) => p.totalCount,
    );
    poolGauge('factcheck_db_pool_idle_connections', 'Open connections no request is using', (p) => p.idleCount);
    poolGauge('factcheck_db_pool_waiting_requests', 'Requests waiting for a pool connection', (p) => p.waitingCount);

    const backlog = () => (this.backlog ??= this.readBacklog());
    const queueGauge = (name: string, help: string, read: (row: QueueBacklog) => number | null) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue'],
        registers,
        collect: async function () {
          const rows = await backlog();
          this.reset(); // a queue renamed or gone leaves no series behind
          for (const row of rows ?? []) this.set({ queue: row.queue }, read(row) ?? 0);
        },
      });
    queueGauge(
      'factcheck_queue_depth',
      'Claims waiting in the queue (queued or awaiting adjudication)',
      (r) => r.depth,
    );
    queueGauge('factcheck_queue_in_review', 'Claims of the queue in review (leased to reviewers)', (r) => r.inReview);
    queueGauge(
      'factcheck_queue_oldest_waiting_seconds',
      'Age of the claim waiting longest in the queue (0 when none waits)',
      (r) => r.oldestWaitingSeconds,
    );

    new Counter({
      name: 'factcheck_leases_expired_total',
      help: "Leases this instance's sweeper marked expired since it started",
      registers,
      collect: function () {
        this.reset();
        this.inc(sweeper.expiredSinceStart);
      },
    });
    new Gauge({
      name: 'factcheck_export_streams_open',
      help: 'Exports holding a database snapshot on this instance',
      registers,
      collect: function () {
        this.set(exports.streamsOpen);
      },
    });
    // No sample without DATABASE_REPLICA_URL: a lag of 0 would claim a replica that does not exist.
    new Gauge({
      name: 'factcheck_replica_lag_seconds',
      help: "Replay lag of DATABASE_REPLICA_URL's standby behind the primary at its last check",
      registers,
      labelNames: ['state'],
      collect: function () {
        this.reset();
        const { state, lagMs } = replica.status;
        if (state !== 'off' && lagMs !== null) this.set({ state }, lagMs / 1000);
      },
    });
  }

  /** Observes every response's latency under its route template (`/queues/:slug/next`), never the raw URL. */
  observeRequests(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      this.requestDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? UNMATCHED, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }

  /** The text Prometheus scrapes, every gauge read now. */
  scrape(): Promise<string> {
    // Read by the first queue gauge collected, after the pool's (registered first): the scrape's own query never
    // shows as a request waiting for a connection.
    this.backlog = undefined;
    return this.registry.metrics();
  }

  private readBacklog(): Promise<QueueBacklog[] | null> {
    // A database that does not answer leaves the queue gauges empty rather than failing the whole scrape.
    return this.stats.backlog().catch((error: Error) => {
      this.logger.warn(`queue backlog not read for the metrics: ${error.message}`);
      return null;
    });
  }
}
