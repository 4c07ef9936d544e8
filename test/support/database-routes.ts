import { findPgbouncer, Pgbouncer } from './pgbouncer';

/** How a suite's app instances reach the run's database, and the environment they start with for it. */
export interface DatabaseRoute {
  name: string;
  /** Why the route cannot run on this machine, if it cannot. */
  missing?: string;
  /** Starts whatever the route needs (once per suite) and returns the instances' environment. */
  open(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

const direct: DatabaseRoute = { name: 'direct', open: async () => ({}), close: async () => undefined };

/** Through pgbouncer in transaction mode: the service as DB_POOL_MODE=transaction, LISTEN straight to PostgreSQL. */
function throughPgbouncer(): DatabaseRoute {
  let bouncer: Pgbouncer | undefined;
  return {
    name: 'through pgbouncer in transaction mode',
    missing: findPgbouncer() ? undefined : 'pgbouncer not found (apt-get install pgbouncer, or set PGBOUNCER_PATH)',
    async open() {
      const databaseUrl = process.env.DATABASE_URL!;
      bouncer = await Pgbouncer.start(databaseUrl);
      return { DATABASE_URL: bouncer.url, DATABASE_LISTEN_URL: databaseUrl, DB_POOL_MODE: 'transaction' };
    },
    async close() {
      await bouncer?.stop();
      bouncer = undefined;
    },
  };
}

/**
 * Declares the suite once per route: directly and through a transaction pooler. A route this machine cannot run is
 * declared skipped, with the reason in its title.
 */
export function describeEachDatabaseRoute(title: string, suite: (route: DatabaseRoute) => void): void {
  for (const route of [direct, throughPgbouncer()]) {
    if (route.missing) {
      console.warn(`${title}: skipping the run ${route.name}: ${route.missing}`);
      describe.skip(`${title} (${route.name}: SKIPPED, ${route.missing})`, () => suite(route));
    } else {
      describe(`${title} (${route.name})`, () => suite(route));
    }
  }
}
