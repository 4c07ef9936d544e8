import type { FormatStream } from './formatters/format-stream';

/** Why an export was ended: its client left written data unread for too long. */
export class ExportIdleTimeout extends Error {
  constructor(ms: number) {
    super(`the client read nothing for ${ms} ms`);
    this.name = 'ExportIdleTimeout';
  }
}

/**
 * Destroys `stream` with ExportIdleTimeout once its output has waited `ms` without the consumer taking any of it (a
 * client that stopped reading: its socket is full, so the response stopped pulling). Output that is not there yet (a
 * slow query) does not count: then the consumer waits on the database, not the other way round.
 */
export function destroyWhenIdle(stream: FormatStream, ms: number): void {
  let consumed = stream.consumedBytes;
  let lastProgress = Date.now();
  const timer = setInterval(
    () => {
      if (stream.consumedBytes !== consumed || stream.readableLength === 0) {
        consumed = stream.consumedBytes;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress >= ms) {
        stream.destroy(new ExportIdleTimeout(ms));
      }
    },
    Math.max(10, Math.min(1000, ms / 4)),
  );
  timer.unref();
  stream.once('close', () => clearInterval(timer));
}
