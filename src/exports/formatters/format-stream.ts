import { Transform, TransformCallback } from 'node:stream';
import { ExportFormatter } from './export-formatter';

/**
 * Rows formatted per batch, so one chunk of bytes goes out per batch, not one tiny write per row. Kept small for
 * memory: a chunk of 100 rows (~50 kB CSV, ~100 kB ClaimReview) stays under V8's large-object size and dies young,
 * and few rows wait here. At 500 rows (and 2000-row fetches) every chunk went to the large-object space and rows
 * were promoted, so a 1 M-row export grew the old generation to ~300 MB RSS before a full GC; now RSS stays ~150.
 */
const BATCH_ROWS = 100;

/** Object-mode rows in, file bytes out; the formatter's prologue leaves at once, before the first row arrives. */
export class FormatStream extends Transform {
  /** Rows seen so far (the CLI's progress bar reads it). */
  rows = 0;
  /** Settles once the first row (or the end of an empty result) has arrived: the query is running. */
  readonly started: Promise<void>;
  private start!: () => void;
  private pending: string[][] = [];
  private pushedBytes = 0;

  constructor(private readonly formatter: ExportFormatter) {
    super({ writableObjectMode: true, writableHighWaterMark: BATCH_ROWS });
    this.started = new Promise((resolve) => (this.start = resolve));
    const head = formatter.begin();
    if (head) this.push(head);
  }

  /** Bytes the consumer has taken so far (pushed minus still buffered): how the idle watch sees a reader stall. */
  get consumedBytes(): number {
    return this.pushedBytes - this.readableLength;
  }

  override push(chunk: string | null): boolean {
    if (chunk) this.pushedBytes += Buffer.byteLength(chunk);
    return super.push(chunk);
  }

  override _transform(row: string[], _encoding: BufferEncoding, done: TransformCallback): void {
    this.start();
    this.pending.push(row);
    this.rows++;
    if (this.pending.length >= BATCH_ROWS) this.pushBatch();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.start();
    this.pushBatch();
    const tail = this.formatter.end();
    if (tail) this.push(tail);
    done();
  }

  private pushBatch(): void {
    if (!this.pending.length) return;
    const text = this.formatter.batch(this.pending);
    this.pending = [];
    if (text) this.push(text);
  }
}
