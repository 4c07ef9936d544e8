import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AssignmentsRepository } from './assignments.repository';

/** Leases ended per statement: short row locks, however many lapsed while the service was down. */
const BATCH = 1000;

/**
 * Every LEASE_SWEEP_SECONDS, leases that lapsed while still `active` become `expired`, so the assignments table says
 * what is really held (pulls already ignore lapsed leases; this is for everyone reading the rows). Each instance
 * sweeps; SKIP LOCKED keeps them out of each other's way and out of the way of verdicts on the same rows.
 */
@Injectable()
export class LeaseSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LeaseSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  /** Leases this instance has marked expired since it started (the metrics' factcheck_leases_expired_total). */
  expiredSinceStart = 0;

  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.leaseSweepSeconds * 1000).unref();
  }

  /** Before the pool (and maybe an embedded server) goes away in the shutdown hooks. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Ends every lapsed lease; returns how many. A failure (database down) is logged and left to the next sweep. */
  sweep(): Promise<number> {
    this.running ??= this.sweepAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepAll(): Promise<number> {
    let total = 0;
    try {
      for (let ended = BATCH; ended === BATCH; total += ended) ended = await this.assignments.expireLapsed(BATCH);
    } catch (error) {
      this.logger.warn(`lease sweep stopped after ${total}: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.expiredSinceStart += total;
    if (total) this.logger.log(`${total} lapsed lease(s) expired`);
    return total;
  }
}
