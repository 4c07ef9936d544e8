import type { FastifyInstance } from 'fastify';
import { Readable, Transform } from 'node:stream';
import { ArticleException } from './article.exception';

export const NDJSON = 'application/x-ndjson';

const tooLarge = (limit: number) => new ArticleException('ARTICLE_IMPORT_TOO_LARGE', `The import body exceeds ${limit} bytes (IMPORT_BODY_LIMIT)`);

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
