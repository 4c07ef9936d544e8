import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import { DatabaseServerService } from './database-server.service';

type Listener = (payload: string) => void;

/**
 * The channels this instance's one LISTEN connection hears: cache keys (AddCacheInvalidation) and review activity
 * for the live dashboards (AddReviewActivityNotify). One connection for all, never one per client.
 */
export const CHANNELS = ['cache_invalidation', 'review_activity'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Sent to every channel's subscribers when notifications may have been missed (connection lost, then back). */
export const MISSED = '*';

/** One connection retrying every 2 s costs the server nothing, and caches come back soon after the database does. */
const MAX_RETRY_MS = 2000;

/**
 * One LISTEN connection per instance on CHANNELS, to DATABASE_LISTEN_URL: a session of its own, since through a
 * transaction pooler a LISTEN would end with its transaction. Caches subscribe to `cache_invalidation` and drop what
 * a key names; the event stream subscribes to `review_activity`. When the connection is lost every subscriber gets MISSED
 * (caches flush: anything may have changed unseen), it reconnects, and once it listens again every subscriber gets
 * MISSED once more (live clients resynchronise: what happened in between was never heard).
 */
@Injectable()
export class InvalidationListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CacheInvalidation');
  private readonly listeners = new Map<Channel, Listener[]>(CHANNELS.map((channel) => [channel, []]));
  private client?: Client;
  private stopped = false;
  /** Consecutive failed attempts: the retry delay doubles with each, up to MAX_RETRY_MS. */
  private failures = 0;
  /** False while not listening: caches must then not serve entries (they could be stale). */
  listening = false;

  constructor(private readonly server: DatabaseServerService) {}

  subscribe(listener: Listener, channel: Channel = 'cache_invalidation'): void {
    this.listeners.get(channel)!.push(listener);
  }

  /** Also called directly after an instance's own writes, so it never waits for its own notification. */
  publish(key: string, channel: Channel = 'cache_invalidation'): void {
    for (const listener of this.listeners.get(channel)!) listener(key);
  }

  private publishEverywhere(payload: string): void {
    for (const channel of CHANNELS) this.publish(payload, channel);
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
    const { listen } = await this.server.urls();
    const client = new Client({ connectionString: listen, application_name: 'factcheck-invalidation' });
    // A failing client can report its loss up to three times ('error', 'end', the rejected connect): only the
    // first one counts, or every failed attempt would schedule several retries and they would multiply.
    let lostOnce = false;
    const lost = (error?: unknown) => {
      if (lostOnce) return;
      lostOnce = true;
      this.lost(error);
    };
    client.on('notification', (msg) => msg.payload && this.publish(msg.payload, msg.channel as Channel));
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
      this.client = client;
      this.listening = true;
      if (this.failures > 0) this.publishEverywhere(MISSED);
      this.failures = 0;
    } catch (error) {
      lost(error);
      await client.end().catch(() => undefined);
    }
  }

  private lost(error?: unknown): void {
    this.listening = false;
    this.client = undefined;
    this.publishEverywhere(MISSED);
    if (this.stopped) return;
    const delay = Math.min(MAX_RETRY_MS, 250 * 2 ** this.failures++);
    this.logger.warn(
      `LISTEN connection lost${error instanceof Error ? `: ${error.message}` : ''}; caches bypassed until it is back (retry in ${delay / 1000}s)`,
    );
    setTimeout(() => void this.connect(), delay).unref();
  }
}
