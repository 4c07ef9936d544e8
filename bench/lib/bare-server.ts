/**
 * The floor under bench/queue's HTTP path: the raw path's statements behind node:http in a process of its own, with
 * nothing else (no framework, validation, authentication beyond reading the user id from the bearer token, logging
 * or metrics). What HTTP/raw can reach on this machine at best; the service's own cost is the rest of the gap.
 * Started by bench/queue with BENCH_BARE=1: DATABASE_URL, QUEUE_ID, PORT.
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { rawPull, rawVerdict } from './raw-workflow';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const queueId = process.env.QUEUE_ID!;
const VERDICT_ROUTE = /^\/assignments\/([0-9a-f-]{36})\/verdict$/;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const userId = (req.headers.authorization ?? '').slice('Bearer '.length);
    const send = (status: number, body?: unknown) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    const verdict = VERDICT_ROUTE.exec(req.url ?? '');
    const work =
      req.url === '/queues/bench/next'
        ? rawPull(pool, userId, queueId).then((lease) => (lease ? send(200, lease) : send(204)))
        : verdict
          ? rawVerdict(pool, verdict[1], userId).then((row) => {
              // as the service does: the body is parsed before the write
              JSON.parse(Buffer.concat(chunks).toString('utf8'));
              send(201, row);
            })
          : Promise.resolve(send(404, { message: 'not found' }));
    work.catch((error: Error) => send(500, { message: error.message }));
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
