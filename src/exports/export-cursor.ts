import { ExportException } from './export.exception';

const VERSION = 1;
const XID8 = /^\d{1,20}$/;

/**
 * The cursor a poll returns: the snapshot horizon H, opaque to clients (base64url of {"v":1,"h":"<xid8>"}).
 * `?since=` with it selects rows changed by transactions in [H, next H): disjoint, gap-free windows. The one
 * weakness: a long-running transaction keeps H down, which delays (never loses) rows changed after it began.
 */
export function encodeCursor(horizon: string): string {
  return Buffer.from(JSON.stringify({ v: VERSION, h: horizon })).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  let parsed: { v?: unknown; h?: unknown } | null = null;
  try {
    if (/^[A-Za-z0-9_-]{1,200}$/.test(cursor))
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; h?: unknown } | null;
  } catch {
    // reported below
  }
  if (parsed?.v !== VERSION || typeof parsed.h !== 'string' || !XID8.test(parsed.h) || BigInt(parsed.h) >= 2n ** 64n) {
    throw new ExportException('EXPORT_BAD_CURSOR', 'since is not a cursor returned by an export');
  }
  return parsed.h;
}

/** The highest of the given horizons, if any. */
export function highestHorizon(horizons: (string | undefined)[]): string | undefined {
  return horizons.reduce<string | undefined>(
    (high, h) => (h !== undefined && (high === undefined || BigInt(h) > BigInt(high)) ? h : high),
    undefined,
  );
}
