import type { FastifyInstance, FastifyReply } from 'fastify';
import { once } from 'node:events';
import { PassThrough, Readable, Transform } from 'node:stream';
import { ArticleException } from './article.exception';

export const NDJSON = 'application/x-ndjson';

const tooLarge = (limit: number) =>
  new ArticleException('ARTICLE_IMPORT_TOO_LARGE', `The import body exceeds ${limit} bytes (IMPORT_BODY_LIMIT)`);

/**
 * NDJSON bodies reach the handler as the raw request stream (never buffered), so an import of tens of thousands
 * of lines is read line by line. Fastify only enforces bodyLimit on bodies it buffers, so the limit is counted here.
 */
export function registerNdjsonParser(fastify: FastifyInstance, limit: number): void {
  fastify.addContentTypeParser(NDJSON, { bodyLimit: limit }, (request, payload, done) => {
    if (Number(request.headers['content-length'] ?? 0) > limit) return done(tooLarge(limit), undefined);
    done(null, limitBytes(payload, limit));
  });
}

function limitBytes(input: Readable, limit: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > limit ? tooLarge(limit) : null, chunk);
    },
  });
  input.on('error', (error) => counter.destroy(error));
  return input.pipe(counter);
}

/**
 * A streamed NDJSON response whose headers go out with the first line, so an error before it still gets its own
 * status. `ready()` resolves once the client has read what was written (backpressure) and fails if it went away.
 */
export class NdjsonOut {
  private readonly out = new PassThrough();
  started = false;

  constructor(private readonly reply: FastifyReply) {
    this.out.on('error', () => undefined);
  }

  write(value: unknown): void {
    this.start();
    if (!this.out.destroyed) this.out.write(`${JSON.stringify(value)}\n`);
  }

  end(value: unknown): void {
    this.start();
    if (!this.out.destroyed) this.out.end(`${JSON.stringify(value)}\n`);
  }

  async ready(): Promise<void> {
    if (this.out.writableNeedDrain && !this.out.destroyed) {
      const gone = new AbortController();
      await Promise.race([
        once(this.out, 'drain', { signal: gone.signal }),
        once(this.out, 'close', { signal: gone.signal }),
      ]).finally(() => gone.abort());
    }
    if (this.out.destroyed) throw new Error('The client stopped reading the import report');
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    void this.reply.status(200).type(`${NDJSON}; charset=utf-8`).send(this.out);
  }
}
