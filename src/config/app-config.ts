import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ClaimReviewRatings,
  Environment,
  parseClaimReviewRatings,
  parseMetricsAllow,
  parseTrustProxy,
  TrustProxy,
  validateEnvironment,
} from './environment';

/** The typed configuration every module injects; built once from the validated environment. */
export class AppConfig {
  readonly nodeEnv: Environment['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly databaseUrl?: string;
  /** Who runs the migrations and grants the service's role (DATABASE_URL's) its privileges. */
  readonly migrationsDatabaseUrl?: string;
  /** The LISTEN connection's URL: a direct session, never a transaction pooler. */
  readonly databaseListenUrl?: string;
  /** `transaction`: connections are shared per transaction by a pooler, so no named prepared statements. */
  readonly dbPoolMode: Environment['DB_POOL_MODE'];
  readonly dataDir: string;
  /** The built web app (WEB_DIST_DIR), served under /app/. */
  readonly webDistDir: string;
  readonly runMigrations: boolean;
  readonly dbPoolSize: number;
  /** The read replica for exports and statistics (pool of dbPoolSize connections), and the lag it may have. */
  readonly replica?: { url: string; maxLagMs: number };
  /** How often each instance ends leases that lapsed while still active. */
  readonly leaseSweepSeconds: number;
  readonly jwt: { secret: string; ttl: string };
  readonly bootstrapAdmin?: { email: string; password: string };
  readonly bodyLimit: number;
  readonly logLevel: string;
  /** Failures per (account, address) and per address before delays begin; see LoginAttemptsService. */
  readonly loginLimits: {
    perEmail: number;
    perIp: number;
    windowSeconds: number;
    delaySeconds: number;
    maxDelaySeconds: number;
  };
  /**
   * Exports: how many one user may run at once (cluster-wide), and how long a client may leave written data unread
   * before its export is ended (the database session's idle-in-transaction timeout is twice that).
   */
  readonly exportLimits: { perUser: number; idleTimeoutMs: number };
  readonly extractionThreshold?: number;
  /** pg_trgm similarity above which a new claim is linked to a claim of another article. */
  readonly similarityThreshold: number;
  /** The NDJSON import streams, so it gets its own, much larger limit than BODY_LIMIT. */
  readonly importBodyLimit: number;
  /** Bounds on one import (lines read over HTTP, bytes per line) and on imports running at once on this instance. */
  readonly imports: { maxLines: number; maxLineBytes: number; concurrency: number };
  /** ClaimReview exports: public claim URLs (`<publicBaseUrl>/claims/<id>`), the reviewing organization, the rating scale. */
  readonly claimReview: { publicBaseUrl: string; orgName: string; orgUrl: string; ratings: ClaimReviewRatings };
  /** Whose X-Forwarded-For names the client (request.ip: login limits, audit entries, request logs). */
  readonly trustProxy: TrustProxy;
  /** Who may scrape GET /metrics: holders of the token, and clients from these addresses (TRUST_PROXY's syntax). */
  readonly metrics: { token?: string; allow: string[] };

  constructor(env: Environment) {
    this.nodeEnv = env.NODE_ENV;
    this.port = env.PORT;
    // A developer's machine serves itself only; production (a container, behind a proxy) listens on every interface.
    this.host = env.HOST ?? (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');
    this.databaseUrl = env.DATABASE_URL;
    this.migrationsDatabaseUrl = env.MIGRATIONS_DATABASE_URL ?? env.DATABASE_URL;
    this.databaseListenUrl = env.DATABASE_LISTEN_URL ?? env.DATABASE_URL;
    this.dbPoolMode = env.DB_POOL_MODE;
    this.dataDir = resolve(env.DATA_DIR);
    this.webDistDir = resolve(env.WEB_DIST_DIR);
    this.runMigrations = env.MIGRATIONS_RUN === 'true';
    this.dbPoolSize = env.DB_POOL_SIZE;
    this.replica = env.DATABASE_REPLICA_URL
      ? { url: env.DATABASE_REPLICA_URL, maxLagMs: env.REPLICA_MAX_LAG_MS }
      : undefined;
    this.leaseSweepSeconds = env.LEASE_SWEEP_SECONDS;
    this.jwt = { secret: env.JWT_SECRET ?? loadOrCreateDevSecret(this.dataDir), ttl: env.JWT_TTL };
    this.bootstrapAdmin =
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined;
    this.bodyLimit = env.BODY_LIMIT;
    this.logLevel = env.LOG_LEVEL;
    this.loginLimits = {
      perEmail: env.LOGIN_LIMIT_PER_EMAIL,
      perIp: env.LOGIN_LIMIT_PER_IP,
      windowSeconds: env.LOGIN_LIMIT_WINDOW_SECONDS,
      delaySeconds: env.LOGIN_DELAY_SECONDS,
      maxDelaySeconds: Math.max(env.LOGIN_DELAY_MAX_SECONDS, env.LOGIN_DELAY_SECONDS),
    };
    this.exportLimits = {
      perUser: env.EXPORT_LIMIT_PER_USER,
      idleTimeoutMs: Math.round(env.EXPORT_IDLE_TIMEOUT_SECONDS * 1000),
    };
    this.extractionThreshold = env.EXTRACTION_THRESHOLD;
    this.similarityThreshold = env.SIMILARITY_THRESHOLD;
    this.importBodyLimit = env.IMPORT_BODY_LIMIT;
    this.imports = {
      maxLines: env.IMPORT_MAX_LINES,
      maxLineBytes: env.IMPORT_MAX_LINE_BYTES,
      concurrency: env.IMPORT_CONCURRENCY,
    };
    const publicBaseUrl = publicBaseUrlOf(env);
    this.claimReview = {
      publicBaseUrl,
      orgName: env.CLAIMREVIEW_ORG_NAME,
      orgUrl: env.CLAIMREVIEW_ORG_URL ?? publicBaseUrl,
      ratings: parseClaimReviewRatings(env.CLAIMREVIEW_RATINGS).ratings,
    };
    this.trustProxy = parseTrustProxy(env.TRUST_PROXY).trustProxy;
    this.metrics = { token: env.METRICS_TOKEN, allow: parseMetricsAllow(env.METRICS_ALLOW).allow };
  }

  /** Loads `./.env` into process.env when present (real environment variables win). */
  static loadDotEnv(file = '.env'): void {
    if (existsSync(file)) process.loadEnvFile(file);
  }

  static fromEnvironment(raw: Record<string, unknown> = process.env): AppConfig {
    return new AppConfig(validateEnvironment(raw));
  }
}

// Outside production a secret is generated once and kept, so tokens survive restarts without any setup.
function loadOrCreateDevSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  new Logger('AppConfig').warn(
    `JWT_SECRET is not set: generated one and stored it in ${file} (set JWT_SECRET in production)`,
  );
  return secret;
}

/** PUBLIC_BASE_URL without a trailing slash; outside production it defaults to this server on localhost. */
export function publicBaseUrlOf(env: Environment): string {
  return (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}
