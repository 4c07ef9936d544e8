import type { ImportLineResult, ImportStop, ImportSummary } from './article.types';

/** Problems listed in an import's summary; the totals still count every line. */
export const REPORTED_PROBLEMS = 100;

/**
 * An import's report without one entry kept per line: results arrive out of order (invalid lines at once, stored
 * ones when their batch commits), are handed on in file order, and only the totals and the first
 * REPORTED_PROBLEMS problems stay. `backlog` is what waits for an earlier line; the importer keeps it bounded.
 */
export class ImportReport {
  private readonly waiting = new Map<number, ImportLineResult>();
  private reserved = 0;
  private emitted = 0;
  private readonly totals = { created: 0, duplicate: 0, invalid: 0, lines: 0 };
  private readonly problems: ImportLineResult[] = [];
  private stopped?: ImportStop;

  constructor(private readonly onLine?: (result: ImportLineResult) => void) {}

  /** A place in file order for a line whose result comes later. */
  reserve(): number {
    return this.reserved++;
  }

  settle(slot: number, result: ImportLineResult): void {
    this.waiting.set(slot, result);
    for (let next = this.waiting.get(this.emitted); next; next = this.waiting.get(this.emitted)) {
      this.waiting.delete(this.emitted++);
      this.count(next);
      this.onLine?.(next);
    }
  }

  get backlog(): number {
    return this.reserved - this.emitted;
  }

  stop(stop: ImportStop): void {
    this.stopped = stop;
  }

  summary(): ImportSummary {
    const omitted = this.totals.duplicate + this.totals.invalid - this.problems.length;
    return {
      totals: { ...this.totals },
      problems: [...this.problems],
      problemsOmitted: omitted,
      ...(this.stopped ? { stopped: this.stopped } : {}),
    };
  }

  private count(result: ImportLineResult): void {
    this.totals.lines++;
    this.totals[result.status]++;
    if (result.status !== 'created' && this.problems.length < REPORTED_PROBLEMS) this.problems.push(result);
  }
}
