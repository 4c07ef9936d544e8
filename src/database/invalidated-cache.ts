import { InvalidationListener, MISSED } from './invalidation-listener.service';

/**
 * A small read-through cache whose entries die on a matching invalidation key (or `*`), after `ttlMs` at the
 * latest, and are never served while the invalidation listener is down.
 */
export class InvalidatedCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  /** Bumped by every invalidation: a load that overlapped one is returned but not kept (it may predate it). */
  private generation = 0;

  constructor(
    private readonly listener: InvalidationListener,
    private readonly ttlMs: number,
    /** Which entry key an invalidation key names: its key, `'all'` for every entry, or null for none. */
    matches: (invalidationKey: string) => string | null,
    private readonly maxEntries = 10_000,
  ) {
    listener.subscribe((key) => {
      this.generation++;
      const hit = key === MISSED ? 'all' : matches(key);
      if (hit === 'all') this.entries.clear();
      else if (hit) this.entries.delete(hit);
    });
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now && this.listener.listening) return cached.value;
    const generation = this.generation;
    const value = await load();
    if (this.listener.listening && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    }
    return value;
  }
}
