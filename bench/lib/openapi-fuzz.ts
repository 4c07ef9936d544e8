import fc from 'fast-check';

/**
 * Hostile requests generated from the service's own OpenAPI document (GET /docs-json): every operation, with path,
 * query and body values that follow the schemas most of the time and break them on purpose otherwise (NUL, lone
 * surrogates, odd dates, huge numbers, deep nesting, unknown keys, null, wrong content types). Used by
 * test/fuzz.e2e-spec.ts (a few thousand, fixed seed) and bench/fuzz.ts (50,000).
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzRequest {
  operation: string;
  caller: string;
  method: string;
  /** Path and query, percent-encoded (lone surrogates as the invalid UTF-8 a client would send). */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export const HOSTILE_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '😀',
  '\u202eevil',
  '2024-W01',
  '2024-366',
  '-004714-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '2024-02-30',
  '1e309',
  '99999999999999999999999',
  '-1',
  'NaN',
  "'; DROP TABLE claims; --",
  '%00',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  ' ',
  'x'.repeat(5000),
];
const HOSTILE_NUMBERS = [-1, 0, 1.5, 2 ** 31, 2 ** 53 + 1, 1e20, -1e20, Number.MAX_VALUE];
const DATES = [
  '2024-06-03',
  '2024-06-03T09:00:00Z',
  '2024-02-29T23:59:59.999+05:30',
  '2024-W01',
  '2024-366',
  '-004714-01-01T00:00:00Z',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  '2024-13-01',
  'yesterday',
];
const METHODS_WITH_BODY = new Set(['post', 'patch', 'put']);

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const anyHostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.constant(true),
  fc.constant({ __proto__: { admin: true } }),
);

export class OpenApiFuzzer {
  constructor(
    private readonly doc: OpenApiDocument,
    /** Real values for path parameters by `<first path segment>:<name>` (e.g. `users:id`), mixed with made-up ones. */
    private readonly pathValues: Record<string, string[]>,
  ) {}

  /** Every operation as `METHOD /path`. */
  get operations(): string[] {
    return Object.entries(this.doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
  }

  /** Requests for one operation and caller. */
  requests(operation: string, caller: string, headers: Record<string, string>): fc.Arbitrary<FuzzRequest> {
    const [method, path] = operation.split(' ');
    const op = this.doc.paths[path][method.toLowerCase()];
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const pathArb = fc
      .tuple(...pathParams.map((p) => this.pathValue(`${path.split('/')[1]}:${p.name}`, p.schema)))
      .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, encode(values[i])), path));
    const queryArb = fc
      .tuple(
        fc.tuple(
          ...queryParams.map((p) =>
            fc.option(this.value(p.schema ?? { type: 'string' }, 3).map(queryText), { freq: 2 }),
          ),
        ),
        fc.option(fc.tuple(fc.constantFrom('unknown', 'limit[]', '__proto__', 'from'), hostileString), { freq: 4 }),
      )
      .map(([values, extra]) => {
        const pairs = queryParams.flatMap((p, i) => (values[i] === null ? [] : [[p.name, values[i]]]));
        if (extra) pairs.push(extra);
        return pairs.length ? `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}` : '';
      });
    const bodyArb = METHODS_WITH_BODY.has(method.toLowerCase()) ? this.body(op) : fc.constant(undefined);
    return fc.tuple(pathArb, queryArb, bodyArb).map(([p, q, body]) => ({
      operation,
      caller,
      method,
      url: p + q,
      headers: { ...headers, ...(body?.contentType ? { 'content-type': body.contentType } : {}) },
      body: body?.text,
    }));
  }

  private pathValue(name: string, schema?: Schema): fc.Arbitrary<string> {
    const real = this.pathValues[name] ?? [];
    return fc.oneof(
      { weight: real.length ? 6 : 0, arbitrary: real.length ? fc.constantFrom(...real) : fc.constant('x') },
      { weight: 2, arbitrary: fc.uuid() },
      {
        weight: 2,
        arbitrary: fc.oneof(
          hostileString.filter((s) => s !== ''),
          this.value(schema ?? { type: 'string' }, 1).map(queryText),
        ),
      },
    );
  }

  private body(op: Operation): fc.Arbitrary<{ contentType?: string; text: string } | undefined> {
    const content = op.requestBody?.content ?? {};
    const [declared] = Object.keys(content);
    const schema = declared ? content[declared].schema : undefined;
    const valid =
      declared === 'application/x-ndjson'
        ? fc
            .array(
              fc.oneof(
                this.value(this.ref('CreateArticleDto'), 4).map((v) => JSON.stringify(v)),
                hostileString,
                fc.constant('{"title":'),
              ),
              { maxLength: 8 },
            )
            .map((lines) => ({ contentType: declared, text: lines.join('\n') }))
        : this.value(schema ?? { type: 'object' }, 5).map((v) => ({
            contentType: 'application/json',
            text: JSON.stringify(v) ?? 'null',
          }));
    return fc.oneof(
      { weight: 12, arbitrary: valid },
      { weight: 1, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 40, max: 200_000 })
          .map((n) => ({ contentType: 'application/json', text: '['.repeat(n) + ']'.repeat(n) })),
      },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 10, max: 30_000 }).map((n) => ({
          contentType: 'application/json',
          text: JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
        })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(
            'text/plain',
            'application/xml',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/json; charset=latin1',
          )
          .chain((ct) => valid.map((v) => ({ contentType: ct, text: v?.text ?? 'a=b' }))),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('{', '{"a":1}}', '"\\ud800"', 'nul\u0000l', '{"a":"\\u0000"}', '[1,2,', '', 'null', '123')
          .map((text) => ({ contentType: 'application/json', text })),
      },
    );
  }

  private ref(name: string): Schema {
    return { $ref: `#/components/schemas/${name}` };
  }

  /** A value that follows `schema` most of the time and is hostile otherwise. */
  value(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    return fc.oneof({ weight: 5, arbitrary: this.conforming(schema, depth) }, { weight: 1, arbitrary: anyHostile });
  }

  private conforming(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    if (schema.$ref) return this.conforming(this.doc.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {}, depth);
    if (schema.allOf?.length) return this.conforming(schema.allOf[0], depth);
    if (schema.oneOf?.length) return fc.oneof(...schema.oneOf.map((s) => this.conforming(s, depth)));
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'integer':
        return fc.integer({ min: Math.max(schema.minimum ?? -10, -1000), max: Math.min(schema.maximum ?? 1000, 1000) });
      case 'number':
        return fc.double({ min: schema.minimum ?? -10, max: schema.maximum ?? 10, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth <= 0 ? fc.constant([]) : fc.array(this.value(schema.items ?? {}, depth - 1), { maxLength: 4 });
      case 'string':
        if (schema.format === 'date-time' || schema.format === 'date') return fc.constantFrom(...DATES);
        if (schema.format === 'uuid') return fc.uuid();
        if (schema.format === 'email') return fc.emailAddress();
        if (schema.format === 'uri') return fc.webUrl();
        return fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.lorem({ maxCount: 12 }).map((s) => `${s}. The minister said 40 people died in 2024.`),
        );
      default: {
        const properties = Object.entries(schema.properties ?? {});
        if (depth <= 0 || !properties.length)
          return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
        return fc
          .tuple(
            fc.tuple(
              ...properties.map(([name, s]) =>
                fc.option(this.value(s, depth - 1), { freq: schema.required?.includes(name) ? 10 : 2, nil: undefined }),
              ),
            ),
            fc.option(fc.tuple(fc.constantFrom('unknown', 'id', 'createdBy', 'role', '__proto__'), anyHostile), {
              freq: 6,
            }),
          )
          .map(([values, extra]) => {
            const object: Record<string, unknown> = {};
            properties.forEach(([name], i) => {
              if (values[i] !== undefined) object[name] = values[i];
            });
            if (extra) Object.defineProperty(object, extra[0], { value: extra[1], enumerable: true });
            return object;
          });
      }
    }
  }
}

function queryText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** encodeURIComponent, except that a lone surrogate becomes the bytes a careless client sends (invalid UTF-8). */
export function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out +=
      code >= 0xd800 && code <= 0xdfff
        ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`
        : encodeURIComponent(ch);
  }
  return out;
}

/** Runs `send` over `items` with `concurrency` requests in flight. */
export async function runPool<T>(items: T[], concurrency: number, send: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await send(items[next++]);
    }),
  );
}

export interface FuzzReport {
  sent: number;
  byStatus: Record<number, number>;
  /** 2xx answers per operation (the caller's partial-write checks compare them with the rows). */
  successes: Record<string, number>;
  /** Articles the imports reported created. */
  importedArticles: number;
  /** Answers ≥ 500, error bodies not in the one shape, or PostgreSQL's own words reaching the client. */
  violations: { request: FuzzRequest; status: number; body: string }[];
}

// Phrases of PostgreSQL's messages that must never reach a client.
const DATABASE_WORDS =
  /invalid input syntax|violates|relation "|column "|syntax error at|out of range for type|invalid byte sequence|tsvector|QueryFailedError/;

const PER_PAIR_PER_ROUND = 20;

async function send(base: string, request: FuzzRequest, report: FuzzReport): Promise<void> {
  const res = await fetch(`${base}${request.url}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  // An event stream (GET /events) never ends: its status is what can be checked, then the client hangs up.
  const endless = res.ok && res.headers.get('content-type')?.startsWith('text/event-stream');
  const text = endless ? (await res.body?.cancel(), '') : await res.text();
  report.sent++;
  report.byStatus[res.status] = (report.byStatus[res.status] ?? 0) + 1;
  if (res.ok) {
    report.successes[request.operation] = (report.successes[request.operation] ?? 0) + 1;
    if (request.operation === 'POST /articles/import')
      report.importedArticles += (JSON.parse(text) as { totals: { created: number } }).totals.created;
  }
  if (res.status >= 500 || (res.status >= 400 && !isErrorBody(text)) || DATABASE_WORDS.test(text))
    report.violations.push({ request, status: res.status, body: text.slice(0, 500) });
}

/** Generates `perPair` requests for every operation × caller (fixed seed) and sends them. */
export async function fuzz(
  base: string,
  fuzzer: OpenApiFuzzer,
  callers: Record<string, Record<string, string>>,
  {
    seed,
    perPair,
    concurrency = 8,
    onRound,
  }: { seed: number; perPair: number; concurrency?: number; onRound?: (report: FuzzReport) => void },
): Promise<FuzzReport> {
  const report: FuzzReport = { sent: 0, byStatus: {}, successes: {}, importedArticles: 0, violations: [] };
  // In rounds, so that only one round's requests (some are hundreds of KB) are held at a time.
  for (let round = 0, done = 0; done < perPair; round++, done += PER_PAIR_PER_ROUND) {
    const count = Math.min(PER_PAIR_PER_ROUND, perPair - done);
    const roundSeed = seed + round * 7919;
    const requests = fuzzer.operations.flatMap((operation, i) =>
      Object.entries(callers).flatMap(([caller, headers], j) =>
        fc.sample(fuzzer.requests(operation, caller, headers), { seed: roundSeed + i * 101 + j, numRuns: count }),
      ),
    );
    // Interleaved, so that the state one operation leaves is what the next ones meet.
    const order = fc.sample(
      fc.shuffledSubarray(
        requests.map((_, i) => i),
        { minLength: requests.length },
      ),
      { seed: roundSeed, numRuns: 1 },
    )[0];
    await runPool(order, concurrency, (index) => send(base, requests[index], report));
    onRound?.(report);
  }
  return report;
}

function isErrorBody(text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return (
      typeof body.statusCode === 'number' &&
      typeof body.error === 'string' &&
      typeof body.message === 'string' &&
      typeof body.requestId === 'string'
    );
  } catch {
    return false;
  }
}

/** A request as one line for a failure message. */
export function describeRequest({ request, status, body }: FuzzReport['violations'][number]): string {
  return `${status} ${request.caller} ${request.method} ${request.url} ${request.headers['content-type'] ?? ''} ${JSON.stringify(request.body?.slice(0, 200))} → ${body.slice(0, 200)}`;
}
