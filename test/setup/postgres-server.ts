import { Client } from 'pg';

/** The machine's own PostgreSQL, used for test databases when no URL is given and it answers. */
export const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
