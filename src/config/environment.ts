import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toFloat = toInt;
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/**
 * Every environment variable the service reads, validated once at boot. Nothing else reads process.env.
 */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  /** A streaming replica (hot standby) that exports and statistics read from while it keeps up; see ReadReplica. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_REPLICA_URL must be a postgres:// connection URL' })
  DATABASE_REPLICA_URL?: string;

  /** Replay lag beyond which those reads go to the primary instead. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  REPLICA_MAX_LAG_MS: number = 10_000;

  /** The schema owner, who runs the migrations; defaults to DATABASE_URL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'MIGRATIONS_DATABASE_URL must be a postgres:// connection URL' })
  MIGRATIONS_DATABASE_URL?: string;

  /** The LISTEN connection's own session; defaults to DATABASE_URL (required with DB_POOL_MODE=transaction). */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_LISTEN_URL must be a postgres:// connection URL' })
  DATABASE_LISTEN_URL?: string;

  /** `transaction`: DATABASE_URL is a transaction-mode pooler (pgbouncer), so no statement outlives its transaction. */
  @IsOptional()
  @IsIn(['session', 'transaction'])
  DB_POOL_MODE: 'session' | 'transaction' = 'session';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** Unset: 127.0.0.1, or 0.0.0.0 in production (see AppConfig). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  HOST?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]?$/, { message: 'JWT_TTL must be seconds or a duration like 15m, 12h, 7d' })
  JWT_TTL: string = '12h';

  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT: number = 1_048_576;

  @IsOptional()
  @IsString()
  DATA_DIR: string = '.data';

  /** The built web app served under /app/ (`npm run build` writes it). */
  @IsOptional()
  @IsString()
  WEB_DIST_DIR: string = 'web/dist';

  @IsOptional()
  @IsIn(['true', 'false'])
  MIGRATIONS_RUN: 'true' | 'false' = 'true';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  // More connections than the database has cores to run them only queue inside PostgreSQL, where waiting is
  // unfair and lock contention grows: bench:queue on 2 cores had a lower p99 at 8-10 connections than at 16-20.
  DB_POOL_SIZE: number = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LEASE_SWEEP_SECONDS: number = 60;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_EMAIL: number = 5;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_IP: number = 50;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_WINDOW_SECONDS: number = 60;

  @IsOptional()
  @Transform(toFloat)
  @IsNumber()
  @Min(0.01)
  LOGIN_DELAY_SECONDS: number = 1;

  @IsOptional()
  @Transform(toFloat)
  @IsNumber()
  @Min(0.01)
  LOGIN_DELAY_MAX_SECONDS: number = 900;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EXPORT_LIMIT_PER_USER: number = 2;

  @IsOptional()
  @Transform(toFloat)
  @IsNumber()
  @Min(0.1)
  EXPORT_IDLE_TIMEOUT_SECONDS: number = 60;

  @IsOptional()
  @Transform(toFloat)
  @IsNumber()
  @Min(0)
  @Max(1)
  EXTRACTION_THRESHOLD?: number;

  @IsOptional()
  @Transform(toFloat)
  @IsNumber()
  @Min(0)
  @Max(1)
  SIMILARITY_THRESHOLD: number = 0.6;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_BODY_LIMIT: number = 268_435_456;

  /** Required in production (ClaimReview urls and the OpenAPI server); elsewhere http://localhost:PORT. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  IMPORT_MAX_LINES: number = 100_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_LINE_BYTES: number = 2_097_152;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  IMPORT_CONCURRENCY: number = 2;

  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  CLAIMREVIEW_ORG_NAME: string = 'Fact-check desk';

  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'CLAIMREVIEW_ORG_URL must be an http(s) URL' })
  CLAIMREVIEW_ORG_URL?: string;

  /** JSON, see parseClaimReviewRatings. */
  @IsOptional()
  @IsString()
  CLAIMREVIEW_RATINGS?: string;

  /** Bearer token that opens GET /metrics from any address (see METRICS_ALLOW). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Client addresses served GET /metrics without the token; see parseMetricsAllow. */
  @IsOptional()
  @IsString()
  METRICS_ALLOW: string = 'loopback';

  /** Which peers may tell us the client's address in X-Forwarded-For; see parseTrustProxy. */
  @IsOptional()
  @IsString()
  TRUST_PROXY: string = 'false';
}

/** Fastify's `trustProxy`: nobody, everybody, or these proxy addresses/subnets. */
export type TrustProxy = boolean | string[];

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: `false` (default: the socket's peer is the client) or a comma-separated list of proxy addresses, CIDR
 * subnets and proxy-addr's keywords (loopback, linklocal, uniquelocal), e.g. `10.0.0.0/8,loopback`. No hop counts:
 * fastify trusts nobody for one, since a count cannot tell a proxy from a client that sends the header itself.
 * `true` trusts every peer: only behind a proxy that every request must pass. Trusting a header anyone can send
 * would let any client pick the address its failed logins are counted (and audited) under.
 */
export function parseTrustProxy(raw: string): { trustProxy: TrustProxy; problems: string[] } {
  const value = raw.trim().toLowerCase();
  if (value === 'false' || value === '') return { trustProxy: false, problems: [] };
  if (value === 'true') return { trustProxy: true, problems: [] };
  const { addresses, problems } = parseAddressList('TRUST_PROXY', value);
  return { trustProxy: problems.length ? false : addresses, problems };
}

/**
 * METRICS_ALLOW: who may scrape GET /metrics without METRICS_TOKEN, as addresses, subnets and the keywords of
 * TRUST_PROXY (default `loopback`), matched against the client address as TRUST_PROXY resolves it; `none`: nobody.
 */
export function parseMetricsAllow(raw: string): { allow: string[]; problems: string[] } {
  const value = raw.trim().toLowerCase();
  if (value === 'none' || value === '') return { allow: [], problems: [] };
  const { addresses, problems } = parseAddressList('METRICS_ALLOW', value);
  return { allow: problems.length ? [] : addresses, problems };
}

function parseAddressList(variable: string, value: string): { addresses: string[]; problems: string[] } {
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !PROXY_KEYWORDS.has(e) && !isAddressOrSubnet(e));
  return {
    addresses: entries,
    problems: bad.length ? [`${variable}: not an address, subnet or keyword: ${bad.join(', ')}`] : [],
  };
}

function isAddressOrSubnet(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** How our final labels become a schema.org Rating in ClaimReview exports. */
export interface ClaimReviewRatings {
  best: number;
  worst: number;
  labels: Record<string, { value: number; name: string }>;
}

export const DEFAULT_CLAIMREVIEW_RATINGS: ClaimReviewRatings = {
  best: 5,
  worst: 1,
  labels: {
    verified: { value: 5, name: 'Verified' },
    disputed: { value: 1, name: 'Disputed' },
    unverifiable: { value: 3, name: 'Unverifiable' },
  },
};

/**
 * CLAIMREVIEW_RATINGS, e.g. {"best":5,"worst":1,"labels":{"verified":{"value":5,"name":"Verified"},…}}; every label
 * value must lie in [worst, best] and carry a name (Google requires the Rating's alternateName).
 */
export function parseClaimReviewRatings(raw: string | undefined): { ratings: ClaimReviewRatings; problems: string[] } {
  if (raw === undefined || raw === '') return { ratings: DEFAULT_CLAIMREVIEW_RATINGS, problems: [] };
  const fail = (why: string) => ({ ratings: DEFAULT_CLAIMREVIEW_RATINGS, problems: [`CLAIMREVIEW_RATINGS: ${why}`] });
  let parsed: ClaimReviewRatings;
  try {
    parsed = JSON.parse(raw) as ClaimReviewRatings;
  } catch {
    return fail('must be JSON');
  }
  const { best, worst, labels } = parsed ?? {};
  if (!Number.isFinite(best) || !Number.isFinite(worst) || worst >= best) return fail('needs numbers best > worst');
  if (!labels || typeof labels !== 'object' || !Object.keys(labels).length)
    return fail('needs a non-empty "labels" object');
  const bad = Object.entries(labels).filter(
    ([, r]) =>
      !(
        Number.isFinite(r?.value) &&
        r.value >= worst &&
        r.value <= best &&
        typeof r.name === 'string' &&
        r.name.trim()
      ),
  );
  if (bad.length)
    return fail(`labels ${bad.map(([label]) => label).join(', ')} need a value in [worst, best] and a name`);
  return { ratings: { best, worst, labels }, problems: [] };
}

export class EnvironmentError extends Error {}

/** Parses and validates an environment; throws one error that names every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) problems.push('JWT_SECRET: required when NODE_ENV=production');
  if (env.NODE_ENV === 'production' && !env.PUBLIC_BASE_URL) {
    problems.push(
      'PUBLIC_BASE_URL: required when NODE_ENV=production (ClaimReview exports link <PUBLIC_BASE_URL>/claims/<id>)',
    );
  }
  problems.push(...parseClaimReviewRatings(env.CLAIMREVIEW_RATINGS).problems);
  problems.push(...parseTrustProxy(env.TRUST_PROXY).problems);
  problems.push(...parseMetricsAllow(env.METRICS_ALLOW).problems);
  if (env.DB_POOL_MODE === 'transaction' && env.DATABASE_URL && !env.DATABASE_LISTEN_URL) {
    // Through a transaction pooler LISTEN lasts one transaction: notifications would be lost and caches go stale.
    problems.push(
      'DATABASE_LISTEN_URL: required when DB_POOL_MODE=transaction (LISTEN needs a session of its own, not the pooler)',
    );
  }
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length) throw new EnvironmentError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return env;
}
