import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

type Listener = (key: string) => void;

/** One connection retrying every 2 s costs the server nothing, and caches come back soon after the database does. */
const MAX_RETRY_MS = 2000;

/**
 * One LISTEN connection per instance on the `cache_invalidation` channel (see the AddCacheInvalidation
 * migration). Caches subscribe and drop what a key names; when the connection is lost every cache is flushed
 * (anything may have changed unseen) and it reconnects.
 */
@Injectable()
export class InvalidationListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CacheInvalidation');
  private readonly listeners: Listener[] = [];
  private client?: Client;
  private stopped = false;
  /** Consecutive failed attempts: the retry delay doubles with each, up to MAX_RETRY_MS. */
  private failures = 0;
  /** False while not listening: caches must then not serve entries (they could be stale). */
  listening = false;

  constructor(private readonly dataSource: DataSource) {}

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Also called directly after an instance's own writes, so it never waits for its own notification. */
  publish(key: string): void {
    for (const listener of this.listeners) listener(key);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  /** Before any shutdown hook: the database (maybe embedded) goes away in those, and that is not a lost connection. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const options = this.dataSource.driver.options as { url?: string };
    const client = new Client({ connectionString: options.url, application_name: 'factcheck-invalidation' });
    // A failing client can report its loss up to three times ('error', 'end', the rejected connect): only the
    // first one counts, or every failed attempt would schedule several retries and they would multiply.
    let lostOnce = false;
    const lost = (error?: unknown) => {
      if (lostOnce) return;
      lostOnce = true;
      this.lost(error);
    };
    client.on('notification', (msg) => msg.payload && this.publish(msg.payload));
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query('LISTEN cache_invalidation');
      this.client = client;
      this.listening = true;
      this.failures = 0;
    } catch (error) {
      lost(error);
      await client.end().catch(() => undefined);
    }
  }

  private lost(error?: unknown): void {
    this.listening = false;
    this.client = undefined;
    this.publish('*');
    if (this.stopped) return;
    const delay = Math.min(MAX_RETRY_MS, 250 * 2 ** this.failures++);
    this.logger.warn(`LISTEN connection lost${error instanceof Error ? `: ${error.message}` : ''}; caches bypassed until it is back (retry in ${delay / 1000}s)`);
    setTimeout(() => void this.connect(), delay).unref();
  }
}
